package io.osmigration.executor.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.osmigration.executor.ExecutorProperties;
import io.osmigration.executor.domain.Deadlines;
import io.osmigration.executor.domain.DrillMode;
import io.osmigration.executor.domain.InstanceCloud;
import io.osmigration.executor.domain.Job;
import io.osmigration.executor.domain.JobChange;
import io.osmigration.executor.domain.JobEvent;
import io.osmigration.executor.domain.JobLifecycle;
import io.osmigration.executor.domain.JobState;
import io.osmigration.executor.domain.PlannedStep;
import io.osmigration.executor.domain.SnapshotRef;
import io.osmigration.executor.domain.StepStatus;
import io.osmigration.executor.domain.Trigger;
import io.osmigration.platform.cloud.CloudApiException;

/** How the workflow meets ECS: permanent errors end the step at once, transient ones are retried up to a bound. */
class JobWorkflowTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final int MAX_ATTEMPTS = 4;

    private final ExecutorProperties properties = new ExecutorProperties(5000, 20, 4, Duration.ofMillis(200),
            Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofHours(2), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofMinutes(15), Duration.ofMillis(250),
            Duration.ofSeconds(20), Duration.ofSeconds(10),
            new ExecutorProperties.DeadlineSettings(null, null, null, null, null, null, null),
            new ExecutorProperties.CloudRetry(MAX_ATTEMPTS, Duration.ofSeconds(2), Duration.ofMinutes(2)),
            new ExecutorProperties.Registry("", "", Duration.ofSeconds(5), 8),
            new ExecutorProperties.Events(Duration.ofDays(7), Duration.ofSeconds(5)),
            new ExecutorProperties.Polling(Duration.ofMillis(500), 0.5, Duration.ofSeconds(60), 100));
    private final JobLifecycle lifecycle = new JobLifecycle(Deadlines.defaults(), properties.recipe());
    private final ScriptedCloud cloud = new ScriptedCloud();
    private final JobWorkflow workflow = new JobWorkflow(cloud, lifecycle, new ScriptLibrary(), properties);

    @Test
    void aPermanentErrorOnRunCommandFailsTheStepAtOnce() {
        cloud.runFails = new CloudApiException("RunCommand", "Forbidden.RAM", "no permission", "r-1");
        Job starting = advance(migrating(), T0).job();
        assertThat(starting.currentStep().orElseThrow().status()).isEqualTo(StepStatus.RUNNING);

        JobChange failed = advance(starting, T0.plusMillis(10));

        assertThat(failed.transition().trigger()).isEqualTo(Trigger.STEP_FAILED);
        assertThat(failed.job().state()).isEqualTo(JobState.FAILED);
        assertThat(failed.job().error()).contains("Forbidden.RAM");
        assertThat(failed.events()).anySatisfy(event -> assertThat(event).isInstanceOf(JobEvent.Failed.class));
        assertThat(cloud.runCalls).isEqualTo(1);
    }

    @Test
    void anInstanceReleasedMidMigrationEndsTheJobAtOnce() {
        Job running = advance(advance(migrating(), T0).job(), T0).job();
        assertThat(running.currentStep().orElseThrow().invokeId()).isEqualTo("t-1");
        cloud.instance = Optional.empty();

        JobChange lost = advance(running, T0.plusSeconds(1));

        assertThat(lost.transition().trigger()).isEqualTo(Trigger.INSTANCE_LOST);
        assertThat(lost.job().error()).contains("no longer exists");
        assertThat(lost.job().dueAt()).as("nothing more to do but wait for the rollback").isEqualTo(
                lost.job().rollbackDeadline());
    }

    @Test
    void runCommandOnAReleasedInstanceEndsTheJobAtOnce() {
        cloud.runFails = new CloudApiException("RunCommand", "InvalidInstanceId.NotFound", "gone", "r-2");
        JobChange lost = advance(advance(migrating(), T0).job(), T0);

        assertThat(lost.transition().trigger()).isEqualTo(Trigger.INSTANCE_LOST);
        assertThat(lost.job().error()).contains("no longer exists");
    }

    @Test
    void transientErrorsAreRetriedWithGrowingBackOffUpToTheBound() {
        cloud.runFails = new CloudApiException("RunCommand", "Throttling.User", "slow down", "r-3");
        Job job = advance(migrating(), T0).job();
        Instant now = T0;
        List<Duration> waits = new ArrayList<>();
        for (int attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
            JobChange retry = advance(job, now);
            assertThat(retry.transition()).isNull();
            assertThat(retry.job().cloudFailures()).isEqualTo(attempt);
            waits.add(Duration.between(now, retry.job().nextActionAt()));
            job = retry.job();
            now = job.nextActionAt();
        }
        JobChange gaveUp = advance(job, now);

        assertThat(waits.get(0)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(waits.get(2)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(gaveUp.job().state()).isEqualTo(JobState.FAILED);
        assertThat(gaveUp.job().error()).contains("ECS kept failing").contains("Throttling.User");
        assertThat(cloud.runCalls).isEqualTo(MAX_ATTEMPTS);
    }

    @Test
    void aLongStepIsLookedAtSoonThenLessOftenUpToTheCeiling() {
        Job job = advance(advance(migrating(), T0).job(), T0).job();
        PlannedStep step = job.currentStep().orElseThrow();
        assertThat(Duration.between(T0, job.nextActionAt())).isEqualTo(Duration.ofMillis(500));
        cloud.invocationCalls = 0;
        cloud.describeCalls = 0;
        Instant end = T0.plus(Duration.ofMinutes(10));
        List<Duration> waits = new ArrayList<>();
        Instant now = job.nextActionAt();
        while (now.isBefore(end)) {
            Job looked = advance(job, now).job();
            assertThat(looked.currentStep().orElseThrow().name()).isEqualTo(step.name());
            waits.add(Duration.between(now, looked.nextActionAt()));
            job = looked;
            now = looked.nextActionAt();
        }
        int calls = cloud.invocationCalls + cloud.describeCalls;
        System.out.printf("A 10-minute step: %d looks, %d calls; waits %s%n", waits.size(), calls, waits);
        // The bound: at most 60 calls for a job waiting through a 10-minute step (a look is two reads).
        assertThat(calls).isLessThanOrEqualTo(60);
        assertThat(waits.get(0)).isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(waits).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(61)));
        assertThat(waits.subList(waits.size() - 3, waits.size())).allSatisfy(wait ->
                assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(59)));
    }

    @Test
    void theNextMoveSaysWhatItWillAskTheCloud() {
        Job starting = migrating();
        assertThat(JobWorkflow.nextLookup(starting)).satisfies(lookup -> {
            assertThat(lookup.status()).isTrue();
            assertThat(lookup.invokeId()).isNull();
        });
        Job running = advance(advance(starting, T0).job(), T0).job();
        assertThat(JobWorkflow.nextLookup(running)).satisfies(lookup -> {
            assertThat(lookup.status()).isTrue();
            assertThat(lookup.invokeId()).isEqualTo("t-1");
            assertThat(lookup.cloudAssistant()).isFalse();
        });
        assertThat(JobWorkflow.awaitedInvocation(running)).get().satisfies(lookup -> {
            assertThat(lookup.status()).isFalse();
            assertThat(lookup.invokeId()).isEqualTo("t-1");
        });
        assertThat(JobWorkflow.nextLookup(pending()).asksAnything()).isFalse();
    }

    @Test
    void aStateWhoseDeadlinePassedFailsWhateverTheCloudSays() {
        Job prechecking = lifecycle.release(pending(), T0).job();

        JobChange expired = advance(prechecking, T0.plus(Duration.ofHours(1)));

        assertThat(expired.transition().trigger()).isEqualTo(Trigger.DEADLINE);
        assertThat(expired.job().error()).contains("PRECHECKING").contains("PT30M");
        assertThat(cloud.runCalls + cloud.describeCalls).isZero();
    }

    private JobChange advance(Job job, Instant now) {
        return workflow.advance(job, now);
    }

    private Job pending() {
        return lifecycle.accept("j-1", "b-1", "r-1", 0, "s-1", "i-1", "cn-hangzhou", "alinux3", DrillMode.NONE,
                List.of(), "sub", T0);
    }

    private Job migrating() {
        Job job = lifecycle.release(pending(), T0).job();
        job = lifecycle.precheckPassed(job, "e-p", List.of(), T0).job();
        return lifecycle.snapshotsCreated(job, "e-s", List.of(new SnapshotRef("s-1", "n", "d-1", "system", 40,
                SnapshotRef.AVAILABLE)), T0).job();
    }

    /** A cloud that answers as told and counts what it was asked. */
    private static final class ScriptedCloud implements InstanceCloud {
        CloudApiException runFails;
        Optional<InstanceStatus> instance = Optional.of(new InstanceStatus("Running", "CentOS 7"));
        int runCalls;
        int describeCalls;
        int invocationCalls;

        @Override
        public String runScript(String regionId, String instanceId, String clientToken, String name, String script,
                                Duration timeout) {
            runCalls++;
            if (runFails != null) {
                throw runFails;
            }
            return "t-1";
        }

        @Override
        public Optional<Invocation> invocation(String regionId, String instanceId, String invokeId) {
            invocationCalls++;
            return Optional.of(new Invocation("Running", null, "", null));
        }

        @Override
        public Optional<InstanceStatus> describe(String regionId, String instanceId) {
            describeCalls++;
            return instance;
        }

        @Override
        public boolean cloudAssistantOnline(String regionId, String instanceId) {
            return true;
        }
    }
}
