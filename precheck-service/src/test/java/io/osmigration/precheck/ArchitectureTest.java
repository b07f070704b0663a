package io.osmigration.precheck;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The rules and reports are plain Java over plain facts: no Spring, Kafka, MongoDB, Avro or cloud SDK. */
@AnalyzeClasses(packages = "io.osmigration.precheck", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPlainJava = noClasses()
            .that().resideInAnyPackage("io.osmigration.precheck.rules..", "io.osmigration.precheck.report..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                    "com.mongodb..", "org.bson..", "org.apache.avro..", "io.osmigration.events..", "com.aliyuncs..",
                    "io.osmigration.platform.cloud..", "io.osmigration.platform.kafka..",
                    "io.osmigration.platform.outbox..", "io.osmigration.precheck.check..",
                    "io.osmigration.precheck.facts..");

    @ArchTest
    static final ArchRule onlyTheFactsAdapterCallsTheCloud = noClasses()
            .that().resideInAnyPackage("io.osmigration.precheck.check..", "io.osmigration.precheck.rules..",
                    "io.osmigration.precheck.report..")
            .should().dependOnClassesThat().resideInAnyPackage("com.aliyuncs..");
}
