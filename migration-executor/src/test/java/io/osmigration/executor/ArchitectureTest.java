package io.osmigration.executor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The domain stays plain Java: no Spring, Kafka, MongoDB, Avro or ECS SDK. */
@AnalyzeClasses(packages = "io.osmigration.executor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPlainJava = noClasses().that().resideInAPackage("..executor.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                    "org.bson..", "com.mongodb..", "org.apache.avro..", "io.osmigration.events..", "com.aliyuncs..",
                    "io.osmigration.platform..", "tools.jackson..", "com.fasterxml..");

    @ArchTest
    static final ArchRule listenersDoNotTouchTheCloud = noClasses().that().haveSimpleNameEndingWith("Listener")
            .should().dependOnClassesThat().resideInAnyPackage("com.aliyuncs..");
}
