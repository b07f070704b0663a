package io.osmigration.registry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Holds the module's shape: domain code is plain Java, and Spring wires by constructor only. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.osmigration.registry");

    @Test
    void domainIsFreeOfFrameworks() {
        noClasses().that().resideInAPackage("io.osmigration.registry..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "org.apache.avro..", "com.mongodb..", "org.bson..", "io.osmigration.events..",
                        "com.aliyuncs..", "jakarta..", "com.fasterxml..", "tools.jackson..", "reactor..",
                        "io.osmigration.registry.source", "io.osmigration.registry.activation",
                        "io.osmigration.registry.ecs", "io.osmigration.registry.status")
                .check(CLASSES);
    }

    @Test
    void noFieldInjection() {
        noFields().should().beAnnotatedWith("org.springframework.beans.factory.annotation.Autowired").check(CLASSES);
    }

    @Test
    void onlyTheEcsAdaptersCallTheCloud() {
        noClasses().that().resideOutsideOfPackage("io.osmigration.registry.ecs")
                .should().dependOnClassesThat().resideInAPackage("com.aliyuncs..")
                .check(CLASSES);
    }
}
