package io.osmigration.executor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Set;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import io.osmigration.executor.domain.Job;
import io.osmigration.executor.domain.JobLifecycle;
import io.osmigration.platform.lease.Leases;

/**
 * The domain stays plain Java, and a job's state changes only in the state machine: nobody but {@link Job} builds a
 * {@code Job}, nobody but {@link JobLifecycle} sets the state of the next value, only the stores write to MongoDB, and
 * the Mongo documents are private to their stores.
 */
@AnalyzeClasses(packages = "io.osmigration.executor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final Set<String> MONGO_WRITES = Set.of("insert", "insertAll", "save", "updateFirst",
            "updateMulti", "upsert", "findAndModify", "findAndReplace", "findAndRemove", "findAllAndRemove", "remove",
            "bulkOps", "dropCollection");
    private static final Set<String> LEASE_WRITES = Set.of("claim", "claimNext", "write", "release", "renew");

    @ArchTest
    static final ArchRule domainIsPlainJava = noClasses().that().resideInAPackage("..executor.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                    "org.bson..", "com.mongodb..", "org.apache.avro..", "io.osmigration.events..", "com.aliyuncs..",
                    "io.osmigration.platform..", "tools.jackson..", "com.fasterxml..", "reactor..", "jakarta..");

    @ArchTest
    static final ArchRule listenersDoNotTouchTheCloud = noClasses().that().haveSimpleNameEndingWith("Listener")
            .should().dependOnClassesThat().resideInAnyPackage("com.aliyuncs..");

    @ArchTest
    static final ArchRule onlyTheCloudAdapterTalksToEcs = noClasses().that()
            .resideOutsideOfPackage("..executor.cloud..")
            .should().dependOnClassesThat().resideInAPackage("com.aliyuncs..");

    @ArchTest
    static final ArchRule onlyJobItselfBuildsAJob = noClasses().that().doNotBelongToAnyOf(Job.class)
            .should().callConstructorWhere(new DescribedPredicate<JavaConstructorCall>("a constructor of Job") {
                @Override
                public boolean test(JavaConstructorCall call) {
                    return call.getTargetOwner().isEquivalentTo(Job.class);
                }
            });

    @ArchTest
    static final ArchRule onlyTheStateMachineSetsTheState = noClasses().that()
            .doNotBelongToAnyOf(JobLifecycle.class, Job.class)
            .should().setFieldWhere(new DescribedPredicate<JavaFieldAccess>("the state of a job's next value") {
                @Override
                public boolean test(JavaFieldAccess access) {
                    return access.getTargetOwner().getName().equals(Job.class.getName() + "$Draft")
                            && (access.getTarget().getName().equals("state")
                            || access.getTarget().getName().equals("stateSince")
                            || access.getTarget().getName().equals("deadlineAt"));
                }
            });

    @ArchTest
    static final ArchRule onlyStoresWriteToMongo = noClasses().that().haveSimpleNameNotEndingWith("Store")
            .should().callMethodWhere(new DescribedPredicate<JavaCall<?>>("a MongoDB or lease write") {
                @Override
                public boolean test(JavaCall<?> call) {
                    String owner = call.getTargetOwner().getName();
                    String name = call.getName();
                    return owner.equals(MongoTemplate.class.getName()) && MONGO_WRITES.contains(name)
                            || owner.equals(Leases.class.getName()) && LEASE_WRITES.contains(name);
                }
            });

    @ArchTest
    static final ArchRule documentsArePrivateToTheirStore = classes().that().areAnnotatedWith(Document.class)
            .should().notBePublic();

    @ArchTest
    static final ArchRule documentsHaveNoPublicFields = fields().that().areDeclaredInClassesThat()
            .areAnnotatedWith(Document.class).should().notHaveModifier(JavaModifier.PUBLIC);
}
