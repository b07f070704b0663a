package io.osmigration.snapshot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.osmigration.snapshot", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPlainJava = noClasses().that().resideInAPackage("..snapshot.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                    "org.apache.avro..", "com.mongodb..", "org.bson..", "io.osmigration.events..",
                    "io.osmigration.platform..", "com.aliyuncs..", "reactor..", "jakarta..");

    @ArchTest
    static final ArchRule onlyTheCloudAdapterTalksToEcs = noClasses().that()
            .resideOutsideOfPackage("..snapshot.cloud..")
            .should().dependOnClassesThat().resideInAPackage("com.aliyuncs..");

    @ArchTest
    static final ArchRule theApiUsesTheApplicationServiceNotTheStore = noClasses().that()
            .resideInAPackage("..snapshot.api..")
            .should().dependOnClassesThat().haveSimpleNameEndingWith("Store");
}
