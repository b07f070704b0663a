package io.osmigration.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.osmigration.notification");

    @Test
    void domainIsPlainJava() {
        noClasses().that().resideInAPackage("io.osmigration.notification.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "org.apache.avro..", "com.mongodb..", "org.bson..", "io.osmigration.events..",
                        "io.osmigration.platform..", "jakarta..", "reactor..")
                .because("domain code is plain Java records and rules (docs/architecture.md)")
                .check(CLASSES);
    }

    @Test
    void onlyTheIntakeKnowsTheAvroEvents() {
        noClasses().that().resideOutsideOfPackage("io.osmigration.notification.intake..")
                .should().dependOnClassesThat().resideInAPackage("io.osmigration.events..")
                .because("adapters map Avro to the domain at the edge")
                .check(CLASSES);
    }

    @Test
    void senders_and_queue_do_not_reach_into_the_intake() {
        noClasses().that().resideInAnyPackage("io.osmigration.notification.delivery..",
                        "io.osmigration.notification.channel..", "io.osmigration.notification.tracking..")
                .should().dependOnClassesThat().resideInAnyPackage("io.osmigration.notification.intake..",
                        "io.osmigration.notification.notify..")
                .check(CLASSES);
    }
}
