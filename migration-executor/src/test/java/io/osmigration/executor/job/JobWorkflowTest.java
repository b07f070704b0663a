package io.osmigration.executor.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.osmigration.executor.ExecutorProperties;
import io.osmigration.executor.domain.Compensation;
import io.osmigration.executor.domain.Deadlines;
import io.osmigration.executor.domain.DrillMode;
import io.osmigration.executor.domain.InstanceCloud;
import io.osmigration.executor.domain.Job;
import io.osmigration.executor.domain.JobChange;
import io.osmigration.executor.domain.JobEvent;
import io.osmigration.executor.domain.JobLifecycle;
import io.osmigration.executor.domain.JobState;
import io.osmigration.executor.domain.MigrationRecipes;
import io.osmigration.executor.domain.PlannedStep;
import io.osmigration.executor.domain.SnapshotRef;
import io.osmigration.executor.domain.StepCommands;
import io.osmigration.executor.domain.StepKind;
import io.osmigration.executor.domain.StepResultFormat;
import io.osmigration.executor.domain.StepSpec;
import io.osmigration.executor.domain.StepStatus;
import io.osmigration.executor.domain.Trigger;
import io.osmigration.platform.cloud.CloudApiException;

/** How the workflow meets ECS: permanent errors end the step at once, transient ones are retried up to a bound. */
class JobWorkflowTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final int MAX_ATTEMPTS = 4;

    private static final Duration BACK_WITHIN = Duration.ofHours(2);

    private final ExecutorProperties properties = new ExecutorProperties(5000, 20, 4, Duration.ofMillis(200),
            Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofHours(1), null, Duration.ofSeconds(60), Duration.ofMillis(250),
            Duration.ofSeconds(10),
            new ExecutorProperties.DeadlineSettings(null, null, null, null, null, null, null),
            new ExecutorProperties.CloudRetry(MAX_ATTEMPTS, Duration.ofSeconds(2), Duration.ofMinutes(2)),
            new ExecutorProperties.Registry("", "", Duration.ofSeconds(5), 8),
            new ExecutorProperties.Events(Duration.ofDays(7), Duration.ofSeconds(5)),
            new ExecutorProperties.Polling(Duration.ofMillis(500), 0.5, Duration.ofSeconds(60), 100));
    private final MigrationRecipes recipes = new FixedRecipe();
    private final JobLifecycle lifecycle = new JobLifecycle(Deadlines.defaults(), recipes);
    private final ScriptedCloud cloud = new ScriptedCloud();
    private final JobWorkflow workflow = new JobWorkflow(cloud, cloud, lifecycle, recipes, properties);

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
    void anInstanceReleasedWhileAStepRunsEndsTheJobAtTheFirstLookOnceTheStepIsNoQuickOne() {
        Job running = advance(advance(migrating(), T0).job(), T0).job();
        assertThat(running.currentStep().orElseThrow().invokeId()).isEqualTo("t-1");
        cloud.instance = Optional.empty();
        // A quick step is not looked at twice: a look in its first seconds reads the invocation only.
        Job quick = advance(running, T0.plusSeconds(1)).job();
        assertThat(quick.state()).isEqualTo(JobState.MIGRATING);

        JobChange lost = advance(quick, T0.plus(JobWorkflow.HANDS_OFF_AFTER));

        assertThat(lost.transition().trigger()).isEqualTo(Trigger.INSTANCE_LOST);
        assertThat(lost.job().error()).contains("no longer exists");
        assertThat(lost.job().dueAt()).as("nothing more to do but wait for the rollback").isEqualTo(
                lost.job().rollbackDeadline());
    }

    @Test
    void runCommandOnAReleasedInstanceEndsTheJobAtOnce() {
        // RunCommand's own code for an unknown instance (API reference RunCommand)
        cloud.runFails = new CloudApiException("RunCommand", "InvalidInstance.NotFound", "gone", "r-2");
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
        // A step that just started is looked at for its invocation only; one running for a while, the instance too.
        assertThat(JobWorkflow.nextLookup(running)).satisfies(lookup -> {
            assertThat(lookup.status()).isFalse();
            assertThat(lookup.invokeId()).isEqualTo("t-1");
            assertThat(lookup.cloudAssistant()).isFalse();
        });
        Instant later = T0.plus(JobWorkflow.HANDS_OFF_AFTER);
        Job stillRunning = advance(running, later).job();
        assertThat(stillRunning.nextActionAt()).isAfter(later);
        assertThat(JobWorkflow.nextLookup(stillRunning)).satisfies(lookup -> {
            assertThat(lookup.status()).isTrue();
            assertThat(lookup.invokeId()).isEqualTo("t-1");
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

    @Test
    void aStepThatExits194IsSucceededOnceTheInstanceIsBackAndTheJobGoesOn() {
        Job atReboot = runToReboot();
        cloud.ended = Optional.of(new StepCommands.Ended(StepCommands.Outcome.RESTARTING, 194, "osm: restarting",
                null, null));
        Job restarting = advance(atReboot, T0.plusSeconds(3)).job();
        assertThat(restarting.currentStep().orElseThrow().awaitsReboot()).isTrue();

        // Cloud Assistant still calls the agent online (heartbeat lag), with its last heartbeat from before the restart
        cloud.agent = Optional.of(new StepCommands.Agent(true, T0));
        JobChange stillWaiting = advance(restarting, T0.plusSeconds(4));
        assertThat(stillWaiting.job().currentStep().orElseThrow().name()).isEqualTo(MigrationRecipes.REBOOT);

        cloud.agent = Optional.of(new StepCommands.Agent(true, T0.plusSeconds(90)));
        JobChange back = advance(stillWaiting.job(), T0.plusSeconds(95));

        PlannedStep reboot = back.job().steps().stream().filter(s -> s.name().equals(MigrationRecipes.REBOOT))
                .findFirst().orElseThrow();
        assertThat(reboot.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(reboot.exitCode()).isEqualTo(194);
        assertThat(back.job().currentStep().orElseThrow().name()).isEqualTo(MigrationRecipes.VERIFY);
        assertThat(back.job().state()).isEqualTo(JobState.MIGRATING);
    }

    @Test
    void aRestartThatNeverComesBackFailsTheJobAfterTheRecipesDeadlineAndRollsItBack() {
        Job atReboot = runToReboot();
        cloud.ended = Optional.of(new StepCommands.Ended(StepCommands.Outcome.RESTARTING, 194, "", null, null));
        Job job = advance(atReboot, T0.plusSeconds(3)).job();
        cloud.agent = Optional.of(new StepCommands.Agent(false, T0));
        JobChange change = advance(job, T0.plusSeconds(4));
        while (change.job().state() == JobState.MIGRATING) {
            change = advance(change.job(), change.job().nextActionAt());
        }

        assertThat(change.job().state()).isEqualTo(JobState.FAILED);
        assertThat(change.job().failedStep()).isEqualTo(MigrationRecipes.REBOOT);
        assertThat(change.job().error()).contains("did not come back").contains("PT2H");
        assertThat(Duration.between(T0.plusSeconds(3), change.job().updatedAt())).isEqualTo(BACK_WITHIN);
        assertThat(change.events()).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(
                JobEvent.Failed.class, failed -> assertThat(failed.rollbackRequired()).isTrue()));
    }

    /**
     * The measurement: the ECS calls one job makes while its instance is offline for ten minutes (Leapp's
     * offline phase) and comes back. The looks back off to {@code reboot-poll-max} (60 s); each is one call.
     */
    @Test
    void waitingThroughATenMinuteOfflinePhaseTakesAtMostSixtyEcsCalls() {
        Job atReboot = runToReboot();
        cloud.ended = Optional.of(new StepCommands.Ended(StepCommands.Outcome.RESTARTING, 194, "", null, null));
        Instant restarted = T0.plusSeconds(3);
        Job job = advance(atReboot, restarted).job();
        cloud.calls = 0;
        Instant backAt = restarted.plus(Duration.ofMinutes(10));
        JobChange change = null;
        Instant now = restarted.plusMillis(200);
        while (true) {
            cloud.agent = now.isBefore(backAt) ? Optional.of(new StepCommands.Agent(false, restarted))
                    : Optional.of(new StepCommands.Agent(true, backAt));
            change = advance(job, now);
            job = change.job();
            if (!job.currentStep().orElseThrow().name().equals(MigrationRecipes.REBOOT)) {
                break;
            }
            now = job.nextActionAt();
        }

        System.out.printf("ECS calls while one job waited through a 10-minute offline phase: %d (back seen %s after "
                + "it was)%n", cloud.calls, Duration.between(backAt, now));
        assertThat(cloud.calls).isLessThanOrEqualTo(60);
        assertThat(Duration.between(backAt, now)).isLessThanOrEqualTo(properties.rebootPollMax());
    }

    /** Runs the fixed plan's INSTALL and UPGRADE to success and starts REBOOT. */
    private Job runToReboot() {
        cloud.ended = Optional.of(new StepCommands.Ended(StepCommands.Outcome.SUCCEEDED, 0, "ok", null, null));
        Job job = migrating();
        Instant now = T0;
        while (!job.currentStep().orElseThrow().name().equals(MigrationRecipes.REBOOT)
                || job.currentStep().orElseThrow().invokeId() == null) {
            job = advance(job, now).job();
            now = now.plusMillis(100);
        }
        return job;
    }

    private JobChange advance(Job job, Instant now) {
        return workflow.advance(job, now);
    }

    private Job pending() {
        return lifecycle.accept("j-1", "b-1", "r-1", 0, "s-1", "i-1", "cn-hangzhou", "anolis8", DrillMode.NONE,
                List.of(), "sub", T0);
    }

    private Job migrating() {
        Job job = lifecycle.release(pending(), T0).job();
        job = lifecycle.precheckPassed(job, "e-p", List.of(), T0).job();
        return lifecycle.snapshotsCreated(job, "e-s", List.of(new SnapshotRef("s-1", "n", "d-1", "system", 40,
                SnapshotRef.AVAILABLE)), T0).job();
    }

    /** INSTALL, UPGRADE, REBOOT (back within two hours), VERIFY: the shape of every catalogue recipe. */
    private static final class FixedRecipe implements MigrationRecipes {
        @Override
        public StepSpec drill(Job job) {
            return new StepSpec(DRILL, "exit 0\n", StepKind.RUN_SCRIPT, Duration.ofMinutes(5), Compensation.NONE);
        }

        @Override
        public List<StepSpec> plan(Job job) {
            return List.of(
                    new StepSpec(INSTALL, "exit 0\n", StepKind.RUN_SCRIPT, Duration.ofMinutes(30), Compensation.NONE),
                    new StepSpec(UPGRADE, "exit 0\n", StepKind.RUN_SCRIPT, Duration.ofHours(2),
                            Compensation.ROLL_BACK_DISKS),
                    new StepSpec(REBOOT, "exit 194\n", StepKind.RUN_SCRIPT_AND_AWAIT_REBOOT, Duration.ofMinutes(5),
                            Compensation.ROLL_BACK_DISKS, StepResultFormat.NONE, BACK_WITHIN),
                    new StepSpec(VERIFY, "exit 0\n", StepKind.RUN_SCRIPT, Duration.ofMinutes(10), Compensation.NONE,
                            StepResultFormat.CHECKS, Duration.ZERO));
        }
    }

    /** A cloud that answers as told and counts what it was asked. */
    private static final class ScriptedCloud implements InstanceCloud, StepCommands {
        CloudApiException runFails;
        Optional<InstanceStatus> instance = Optional.of(new InstanceStatus("Running", "CentOS 7"));
        Optional<StepCommands.Ended> ended = Optional.empty();
        Optional<StepCommands.Agent> agent = Optional.of(new StepCommands.Agent(true, null));
        int runCalls;
        int describeCalls;
        int invocationCalls;
        int calls;

        @Override
        public String start(String regionId, String instanceId, String clientToken, String name, String script,
                            Duration timeout, boolean captureResult) {
            runCalls++;
            calls++;
            if (runFails != null) {
                throw runFails;
            }
            return "t-" + runCalls;
        }

        @Override
        public Optional<Ended> ended(String regionId, String instanceId, String clientToken, String invokeId,
                                     String name, boolean captureResult) {
            calls++;
            return ended;
        }

        @Override
        public Optional<Agent> agent(String regionId, String instanceId) {
            calls++;
            return agent;
        }

        @Override
        public Optional<Invocation> invocation(String regionId, String instanceId, String invokeId) {
            // What the replica's shared reads say: ended once the scripted result is there.
            invocationCalls++;
            calls++;
            return Optional.of(ended.isPresent() ? new Invocation("Success", ended.get().exitCode(), "", null)
                    : new Invocation("Running", null, "", null));
        }

        @Override
        public Optional<InstanceStatus> describe(String regionId, String instanceId) {
            describeCalls++;
            calls++;
            return instance;
        }
    }
}
