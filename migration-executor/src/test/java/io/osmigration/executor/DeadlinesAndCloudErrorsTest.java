package io.osmigration.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.osmigration.events.MigrationFailed;
import io.osmigration.executor.batch.BatchService;
import io.osmigration.executor.domain.BatchCommand;
import io.osmigration.executor.domain.Job;
import io.osmigration.executor.domain.JobState;
import io.osmigration.executor.domain.PlannedStep;
import io.osmigration.executor.domain.StepStatus;
import io.osmigration.executor.job.JobStore;

/**
 * Jobs always finish: a state that outlives its deadline fails naming the state and the deadline, whatever the peers
 * do, and an instance released mid-migration ends the job at once, with no calls after it. One replica with
 * deadlines of a few seconds.
 */
class DeadlinesAndCloudErrorsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final TestEnvironment env = TestEnvironment.get();
    private static ConfigurableApplicationContext replica;

    @BeforeAll
    static void start() {
        replica = ReplicaSupport.start("migration-executor-deadlines", "osm_executor_deadlines",
                "--osm.executor.deadlines.prechecking=PT5S", "--osm.executor.deadlines.migrating=PT10S");
    }

    @AfterAll
    static void stop() {
        replica.close();
    }

    @Test
    void aPrecheckThatNeverAnswersFailsTheJobAtItsDeadline() {
        String instance = TestFleet.clean(14);
        // The instance's Cloud Assistant hangs, and the precheck waiting on it never answers.
        env.simulator.engine().setCommandsHang(instance, true);
        env.peers.silencePrecheckOf(TestFleet.sourceId(instance));
        try {
            String batchId = submit(instance);

            Job failed = awaitJob(batchId, JobState.FAILED);

            assertThat(failed.error()).isEqualTo(
                    "PRECHECKING did not end within its deadline of PT5S (osm.executor.deadlines.prechecking)");
            assertThat(failed.holdsInstance()).isFalse();
        } finally {
            env.simulator.engine().setCommandsHang(instance, false);
        }
    }

    @Test
    void aStepThatHangsFailsTheMigrationAtItsDeadlineAndRollsBack() {
        String instance = TestFleet.HANGS;
        env.simulator.engine().setCommandsHang(instance, true);
        try {
            String batchId = submit(instance);

            Job failed = awaitJob(batchId, JobState.ROLLED_BACK);

            assertThat(failed.error()).startsWith(
                    "MIGRATING did not end within its deadline of PT10S (osm.executor.deadlines.migrating)");
            assertThat(failed.failedStep()).isEqualTo("INSTALL");
            assertThat(failed.steps().get(0).status()).isEqualTo(StepStatus.FAILED);
            MigrationFailed told = (MigrationFailed) env.recorder.ofJob(failed.jobId()).stream()
                    .filter(r -> r.event() instanceof MigrationFailed).findFirst().orElseThrow().event();
            assertThat(told.getRollbackRequired()).isTrue();
            assertThat(told.getReason()).contains("MIGRATING").contains("PT10S");
        } finally {
            env.simulator.engine().setCommandsHang(instance, false);
        }
    }

    @Test
    void anInstanceReleasedMidMigrationEndsTheJobAtOnceWithoutACallLoop() {
        String instance = TestFleet.RELEASED;
        String batchId = submit(instance);
        JobStore jobs = replica.getBean(JobStore.class);
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> jobs.ofBatch(batchId).get(0)
                .currentStep().filter(step -> "UPGRADE".equals(step.name()) && step.invokeId() != null).isPresent());

        env.simulator.engine().releaseInstance(instance);
        int callsAtRelease = env.simulator.engine().calls(null, instance).size();

        Job failed = awaitJob(batchId, JobState.ROLLED_BACK);
        assertThat(failed.error()).contains("instance " + instance + " no longer exists");
        // The simulated UPGRADE ends at once: the release is seen either while it runs (the instance is looked at
        // while a script has not ended) or by REBOOT's RunCommand (NotFound), whichever comes first.
        assertThat(failed.failedStep()).isIn("UPGRADE", "REBOOT");
        PlannedStep failedStep = failed.steps().stream().filter(step -> step.name().equals(failed.failedStep()))
                .findFirst().orElseThrow();
        assertThat(failedStep.status()).isEqualTo(StepStatus.FAILED);
        int callsAfter = env.simulator.engine().calls(null, instance).size() - callsAtRelease;
        assertThat(callsAfter).as("calls about the instance after its release").isLessThanOrEqualTo(3);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() ->
                env.simulator.engine().calls(null, instance).size() - callsAtRelease == callsAfter);
    }

    private static String submit(String instance) {
        BatchCommand command = new BatchCommand("deadline-" + UUID.randomUUID(), "anolis8",
                List.of(new BatchCommand.Target(TestFleet.sourceId(instance), null)), "NONE", true, 1, null, null,
                null);
        BatchService.Submission submission = replica.getBean(BatchService.class).submit(command, "test");
        assertThat(submission.refused()).as("%s", submission.violations()).isFalse();
        return submission.batch().batchId();
    }

    private static Job awaitJob(String batchId, JobState state) {
        JobStore jobs = replica.getBean(JobStore.class);
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() ->
                jobs.ofBatch(batchId).get(0).state() == state);
        return jobs.ofBatch(batchId).get(0);
    }
}
