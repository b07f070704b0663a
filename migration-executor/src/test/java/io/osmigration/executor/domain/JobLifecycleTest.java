package io.osmigration.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/** The state machine: its table is what the code does, and every move outside the table is refused. */
class JobLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final List<DrillItem> CLEAN_DRILL = List.of(new DrillItem("LEAPP_X", DrillItem.INFO, "note", "", null));
    private static final List<DrillItem> CRITICAL_DRILL = List.of(new DrillItem("LEAPP_Y", DrillItem.CRITICAL,
            "Unsupported kernel module", "", "unload it"));
    private static final List<SnapshotRef> SNAPSHOTS = List.of(new SnapshotRef("s-1", "SMC_Backup_Snapshot_j_d", "d-1",
            "system", 40, SnapshotRef.AVAILABLE));

    private final JobLifecycle lifecycle = new JobLifecycle(deadlines(Duration.ofMinutes(30)),
            new FixedTestRecipe());

    @Test
    void aJobGoesThroughItsPlanAndEachStepIsStoredWithItsClientToken() {
        Job migrating = in(JobState.MIGRATING, DrillMode.NONE);
        assertThat(migrating.steps()).extracting(PlannedStep::name).containsExactly("PREPARE", "UPGRADE", "REBOOT",
                "VERIFY");
        assertThat(migrating.steps()).extracting(PlannedStep::clientToken)
                .containsExactly("osm-j-1-prepare", "osm-j-1-upgrade", "osm-j-1-reboot", "osm-j-1-verify");
        assertThat(migrating.holdsInstance()).isTrue();

        Job job = migrating;
        for (String step : List.of("PREPARE", "UPGRADE", "REBOOT")) {
            JobChange done = lifecycle.stepSucceeded(started(job), step, 0, "ok", null, T0);
            assertThat(done.transition()).as("a step within MIGRATING is no transition").isNull();
            assertThat(done.events()).singleElement().isInstanceOf(JobEvent.StepDone.class);
            job = done.job();
        }
        JobChange completed = lifecycle.stepSucceeded(started(job), "VERIFY", 0, "OSM_RESULT os=Alinux 3", "Alinux 3",
                T0);

        assertThat(completed.job().state()).isEqualTo(JobState.COMPLETED);
        assertThat(completed.job().resultingOs()).isEqualTo("Alinux 3");
        assertThat(completed.events()).hasSize(2).last().isInstanceOf(JobEvent.Completed.class);
        assertThat(completed.job().holdsInstance()).isFalse();
        assertThat(completed.job().dueAt()).isNull();
    }

    @Test
    void aStateOutlivingItsDeadlineFailsNamingTheStateAndTheDeadline() {
        Job prechecking = in(JobState.PRECHECKING, DrillMode.NONE);
        assertThat(prechecking.deadlineAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(lifecycle.deadlinePassed(prechecking, T0.plusSeconds(60)).refused()).isTrue();

        JobChange expired = lifecycle.deadlinePassed(prechecking, T0.plus(Duration.ofMinutes(31)));

        assertThat(expired.job().state()).isEqualTo(JobState.FAILED);
        assertThat(expired.job().error()).isEqualTo(
                "PRECHECKING did not end within its deadline of PT30M (osm.executor.deadlines.prechecking)");
        assertThat(expired.events()).as("no snapshots yet: nothing to tell snapshot-service").isEmpty();
        assertThat(expired.job().holdsInstance()).isFalse();
    }

    @Test
    void aMigrationOutlivingItsDeadlineFailsTheRunningStepAndRollsBack() {
        Job running = started(in(JobState.MIGRATING, DrillMode.NONE));

        JobChange expired = lifecycle.deadlinePassed(running, T0.plus(Duration.ofHours(7)));

        assertThat(expired.job().state()).isEqualTo(JobState.FAILED);
        assertThat(expired.job().failedStep()).isEqualTo("PREPARE");
        assertThat(expired.job().steps().get(0).status()).isEqualTo(StepStatus.FAILED);
        assertThat(expired.events()).last().isInstanceOfSatisfying(JobEvent.Failed.class, failed -> {
            assertThat(failed.rollbackRequired()).isTrue();
            assertThat(failed.reason()).contains("MIGRATING").contains("PT6H");
        });
        assertThat(expired.job().holdsInstance()).as("claimed until the disks are back").isTrue();
        JobChange rolledBack = lifecycle.disksRolledBack(expired.job(), "e-rb", "CentOS 7", T0.plus(Duration.ofHours(8)));
        assertThat(rolledBack.job().state()).isEqualTo(JobState.ROLLED_BACK);
        assertThat(rolledBack.job().holdsInstance()).isFalse();
    }

    @Test
    void aCancelDuringAStepWaitsForTheStepBoundaryThenRollsBack() {
        Job running = started(in(JobState.MIGRATING, DrillMode.NONE));

        JobChange marked = lifecycle.cancel(running, "change freeze", T0);
        assertThat(marked.job().state()).isEqualTo(JobState.MIGRATING);
        assertThat(marked.job().cancelRequested()).isTrue();
        JobChange stopped = lifecycle.stepSucceeded(marked.job(), "PREPARE", 0, "ok", null, T0);

        assertThat(stopped.job().state()).isEqualTo(JobState.CANCELLED);
        assertThat(stopped.events()).hasSize(2).last().isInstanceOfSatisfying(JobEvent.Failed.class,
                failed -> assertThat(failed.rollbackRequired()).isTrue());
        assertThat(stopped.job().rollbackPending()).isTrue();
    }

    @Test
    void aBusyInstanceEndsTheJobWithAFindingNamingTheOtherJob() {
        JobChange busy = lifecycle.instanceBusy(pending(DrillMode.NONE), "j-other", "b-other", T0);

        assertThat(busy.job().state()).isEqualTo(JobState.PRECHECK_FAILED);
        assertThat(busy.job().findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(Finding.INSTANCE_BUSY);
            assertThat(finding.detail()).contains("j-other").contains("b-other").contains("i-1");
        });
        assertThat(busy.events()).isEmpty();
    }

    @Test
    void movesOutsideTheTableAreRefusedAndChangeNothing() {
        Job pending = pending(DrillMode.NONE);

        assertThat(lifecycle.precheckFailed(pending, "e", List.of(), T0).refused()).isTrue();
        assertThat(lifecycle.approve(in(JobState.MIGRATING, DrillMode.NONE), T0).refused()).isTrue();
        assertThat(lifecycle.snapshotsCreated(pending, "e", SNAPSHOTS, T0).refused()).isTrue();
        JobChange late = lifecycle.precheckPassed(done(), "e-late", List.of(), T0);
        assertThat(late.refused()).isTrue();
        assertThat(late.job()).isEqualTo(done());
        assertThat(lifecycle.cancel(done(), "too late", T0).refusal()).contains("CANCEL").contains("COMPLETED");
        assertThat(lifecycle.stepSucceeded(in(JobState.MIGRATING, DrillMode.NONE), "UPGRADE", 0, "", null, T0)
                .refusal()).as("not the step that runs").contains("UPGRADE");
    }

    @Test
    void aDrillWithCriticalItemsCannotBeApproved() {
        Job awaiting = lifecycle.drillFinished(drilling(DrillMode.DRILL_ONLY), CRITICAL_DRILL, 0, "", T0).job();
        assertThat(awaiting.state()).isEqualTo(JobState.AWAITING_APPROVAL);
        assertThat(lifecycle.approve(awaiting, T0).refusal()).contains("critical");
    }

    /** Every row of the table is what the code does for that trigger in that state, and no row lacks a scenario. */
    @Test
    void everyTransitionOfTheTableIsTakenByItsTrigger() {
        Map<JobLifecycle.Transition, Supplier<JobChange>> scenarios = scenarios();
        assertThat(scenarios.keySet()).containsExactlyInAnyOrderElementsOf(JobLifecycle.TRANSITIONS);
        scenarios.forEach((transition, scenario) -> {
            JobChange change = scenario.get();
            assertThat(change.transition()).as("%s", transition).isEqualTo(transition);
            assertThat(change.job().state()).isEqualTo(transition.to());
            boolean tellsFailure = change.events().stream().anyMatch(JobEvent.Failed.class::isInstance);
            if (transition.compensation() == Compensation.NONE) {
                assertThat(tellsFailure).as("%s compensates nothing", transition).isFalse();
            }
            if (transition.compensation() == Compensation.ROLL_BACK_DISKS) {
                assertThat(change.job().rollbackPending()).as("%s", transition).isTrue();
            }
        });
    }

    @Test
    void theReadmeTableIsRenderedFromTheCode() {
        String table = JobLifecycle.markdown();
        for (JobLifecycle.StateRule rule : JobLifecycle.STATES) {
            assertThat(table).contains("| `" + rule.state() + "` |");
        }
        assertThat(table).contains("`deadlines.prechecking` (PT30M)");
        assertThat(table.lines().filter(line -> line.startsWith("| `")).count())
                .isEqualTo(JobLifecycle.STATES.size() + JobLifecycle.TRANSITIONS.size());
    }

    // ---- scenarios: a job in each state, and each trigger on it ----

    private Map<JobLifecycle.Transition, Supplier<JobChange>> scenarios() {
        Map<JobLifecycle.Transition, Supplier<JobChange>> s = new LinkedHashMap<>();
        Instant late = T0.plus(Duration.ofDays(30));
        put(s, JobState.PENDING, Trigger.RELEASE, JobState.PRECHECKING, () -> lifecycle.release(pending(DrillMode.NONE), T0));
        put(s, JobState.PENDING, Trigger.INSTANCE_BUSY, JobState.PRECHECK_FAILED,
                () -> lifecycle.instanceBusy(pending(DrillMode.NONE), "j-2", "b-2", T0));
        put(s, JobState.PENDING, Trigger.CANCEL, JobState.CANCELLED, () -> lifecycle.cancel(pending(DrillMode.NONE), "x", T0));
        put(s, JobState.PENDING, Trigger.DEADLINE, JobState.FAILED,
                () -> new JobLifecycle(deadlinesWithPending(), lifecycleRecipe()).deadlinePassed(
                        new JobLifecycle(deadlinesWithPending(), lifecycleRecipe()).accept("j-1", "b-1", "r-1", 0,
                                "s-1", "i-1", "cn-hangzhou", "alinux3", DrillMode.NONE, List.of(), "sub", T0), late));
        put(s, JobState.PRECHECKING, Trigger.PRECHECK_PASSED, JobState.SNAPSHOTTING,
                () -> lifecycle.precheckPassed(in(JobState.PRECHECKING, DrillMode.NONE), "e", List.of(), T0));
        put(s, JobState.PRECHECKING, Trigger.PRECHECK_FAILED, JobState.PRECHECK_FAILED,
                () -> lifecycle.precheckFailed(in(JobState.PRECHECKING, DrillMode.NONE), "e", List.of(), T0));
        put(s, JobState.PRECHECKING, Trigger.SNAPSHOTS_CREATED, JobState.DRILLING,
                () -> lifecycle.snapshotsCreated(in(JobState.PRECHECKING, DrillMode.DRILL_ONLY), "e", SNAPSHOTS, T0));
        put(s, JobState.PRECHECKING, Trigger.SNAPSHOTS_CREATED, JobState.MIGRATING,
                () -> lifecycle.snapshotsCreated(in(JobState.PRECHECKING, DrillMode.NONE), "e", SNAPSHOTS, T0));
        put(s, JobState.PRECHECKING, Trigger.SNAPSHOTS_FAILED, JobState.FAILED,
                () -> lifecycle.snapshotsFailed(in(JobState.PRECHECKING, DrillMode.NONE), "e", "quota", T0));
        put(s, JobState.PRECHECKING, Trigger.CANCEL, JobState.CANCELLED,
                () -> lifecycle.cancel(in(JobState.PRECHECKING, DrillMode.NONE), "x", T0));
        put(s, JobState.PRECHECKING, Trigger.DEADLINE, JobState.FAILED,
                () -> lifecycle.deadlinePassed(in(JobState.PRECHECKING, DrillMode.NONE), late));
        put(s, JobState.SNAPSHOTTING, Trigger.SNAPSHOTS_CREATED, JobState.DRILLING,
                () -> lifecycle.snapshotsCreated(in(JobState.SNAPSHOTTING, DrillMode.DRILL_AND_MIGRATE), "e",
                        SNAPSHOTS, T0));
        put(s, JobState.SNAPSHOTTING, Trigger.SNAPSHOTS_CREATED, JobState.MIGRATING,
                () -> lifecycle.snapshotsCreated(in(JobState.SNAPSHOTTING, DrillMode.NONE), "e", SNAPSHOTS, T0));
        put(s, JobState.SNAPSHOTTING, Trigger.SNAPSHOTS_FAILED, JobState.FAILED,
                () -> lifecycle.snapshotsFailed(in(JobState.SNAPSHOTTING, DrillMode.NONE), "e", "quota", T0));
        put(s, JobState.SNAPSHOTTING, Trigger.CANCEL, JobState.CANCELLED,
                () -> lifecycle.cancel(in(JobState.SNAPSHOTTING, DrillMode.NONE), "x", T0));
        put(s, JobState.SNAPSHOTTING, Trigger.DEADLINE, JobState.FAILED,
                () -> lifecycle.deadlinePassed(in(JobState.SNAPSHOTTING, DrillMode.NONE), late));
        put(s, JobState.DRILLING, Trigger.DRILL_PASSED, JobState.MIGRATING,
                () -> lifecycle.drillFinished(drilling(DrillMode.DRILL_AND_MIGRATE), CLEAN_DRILL, 0, "", T0));
        put(s, JobState.DRILLING, Trigger.DRILL_PASSED, JobState.AWAITING_APPROVAL,
                () -> lifecycle.drillFinished(drilling(DrillMode.DRILL_ONLY), CLEAN_DRILL, 0, "", T0));
        put(s, JobState.DRILLING, Trigger.DRILL_CRITICAL, JobState.FAILED,
                () -> lifecycle.drillFinished(drilling(DrillMode.DRILL_AND_MIGRATE), CRITICAL_DRILL, 0, "", T0));
        put(s, JobState.DRILLING, Trigger.DRILL_CRITICAL, JobState.AWAITING_APPROVAL,
                () -> lifecycle.drillFinished(drilling(DrillMode.DRILL_ONLY), CRITICAL_DRILL, 0, "", T0));
        put(s, JobState.DRILLING, Trigger.DRILL_FAILED, JobState.FAILED,
                () -> lifecycle.drillFailed(drilling(DrillMode.DRILL_ONLY), "no report", 1, "", T0));
        put(s, JobState.DRILLING, Trigger.NO_INSTANCE, JobState.FAILED,
                () -> lifecycle.noInstance(drilling(DrillMode.DRILL_ONLY), T0));
        put(s, JobState.DRILLING, Trigger.CANCEL, JobState.CANCELLED,
                () -> lifecycle.cancel(drilling(DrillMode.DRILL_ONLY), "x", T0));
        put(s, JobState.DRILLING, Trigger.DEADLINE, JobState.FAILED,
                () -> lifecycle.deadlinePassed(drilling(DrillMode.DRILL_ONLY), late));
        put(s, JobState.AWAITING_APPROVAL, Trigger.APPROVED, JobState.MIGRATING,
                () -> lifecycle.approve(in(JobState.AWAITING_APPROVAL, DrillMode.DRILL_ONLY), T0));
        put(s, JobState.AWAITING_APPROVAL, Trigger.CANCEL, JobState.CANCELLED,
                () -> lifecycle.cancel(in(JobState.AWAITING_APPROVAL, DrillMode.DRILL_ONLY), "x", T0));
        put(s, JobState.AWAITING_APPROVAL, Trigger.DEADLINE, JobState.FAILED,
                () -> lifecycle.deadlinePassed(in(JobState.AWAITING_APPROVAL, DrillMode.DRILL_ONLY), late));
        put(s, JobState.MIGRATING, Trigger.STEPS_DONE, JobState.COMPLETED, () -> lastStepDone());
        put(s, JobState.MIGRATING, Trigger.STEP_FAILED, JobState.FAILED,
                () -> lifecycle.stepFailed(started(in(JobState.MIGRATING, DrillMode.NONE)), "PREPARE", "exit 1", 1,
                        "", T0));
        put(s, JobState.MIGRATING, Trigger.INSTANCE_LOST, JobState.FAILED,
                () -> lifecycle.instanceLost(in(JobState.MIGRATING, DrillMode.NONE), "instance i-1 is Stopped", T0));
        put(s, JobState.MIGRATING, Trigger.NO_INSTANCE, JobState.FAILED,
                () -> lifecycle.noInstance(in(JobState.MIGRATING, DrillMode.NONE), T0));
        put(s, JobState.MIGRATING, Trigger.CANCEL, JobState.CANCELLED,
                () -> lifecycle.cancel(in(JobState.MIGRATING, DrillMode.NONE), "x", T0));
        put(s, JobState.MIGRATING, Trigger.DEADLINE, JobState.FAILED,
                () -> lifecycle.deadlinePassed(in(JobState.MIGRATING, DrillMode.NONE), late));
        put(s, JobState.FAILED, Trigger.DISKS_ROLLED_BACK, JobState.ROLLED_BACK,
                () -> lifecycle.disksRolledBack(failedWithRollback(), "e", "CentOS 7", T0));
        put(s, JobState.FAILED, Trigger.ROLLBACK_UNCONFIRMED, JobState.FAILED,
                () -> lifecycle.rollbackUnconfirmed(failedWithRollback(), late));
        put(s, JobState.FAILED, Trigger.LATE_SNAPSHOTS, JobState.FAILED,
                () -> lifecycle.snapshotsCreated(lifecycle.deadlinePassed(in(JobState.PRECHECKING, DrillMode.NONE),
                        late).job(), "e-late", SNAPSHOTS, late));
        put(s, JobState.CANCELLED, Trigger.DISKS_ROLLED_BACK, JobState.CANCELLED,
                () -> lifecycle.disksRolledBack(cancelledWithRollback(), "e", "CentOS 7", T0));
        put(s, JobState.CANCELLED, Trigger.ROLLBACK_UNCONFIRMED, JobState.CANCELLED,
                () -> lifecycle.rollbackUnconfirmed(cancelledWithRollback(), late));
        put(s, JobState.CANCELLED, Trigger.LATE_SNAPSHOTS, JobState.CANCELLED,
                () -> lifecycle.snapshotsCreated(lifecycle.cancel(in(JobState.PRECHECKING, DrillMode.NONE), "x", T0)
                        .job(), "e-late", SNAPSHOTS, T0));
        return s;
    }

    private static void put(Map<JobLifecycle.Transition, Supplier<JobChange>> scenarios, JobState from,
                            Trigger trigger, JobState to, Supplier<JobChange> scenario) {
        JobLifecycle.Transition row = JobLifecycle.TRANSITIONS.stream()
                .filter(t -> t.from() == from && t.trigger() == trigger && t.to() == to).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + from + " " + trigger + " " + to));
        scenarios.put(row, scenario);
    }

    private JobChange lastStepDone() {
        Job job = in(JobState.MIGRATING, DrillMode.NONE);
        for (String step : List.of("PREPARE", "UPGRADE", "REBOOT")) {
            job = lifecycle.stepSucceeded(started(job), step, 0, "", null, T0).job();
        }
        return lifecycle.stepSucceeded(started(job), "VERIFY", 0, "", "Alinux 3", T0);
    }

    private Job failedWithRollback() {
        return lifecycle.stepFailed(started(in(JobState.MIGRATING, DrillMode.NONE)), "PREPARE", "exit 1", 1, "", T0)
                .job();
    }

    private Job cancelledWithRollback() {
        Job marked = lifecycle.cancel(started(in(JobState.MIGRATING, DrillMode.NONE)), "x", T0).job();
        return lifecycle.stepSucceeded(marked, "PREPARE", 0, "", null, T0).job();
    }

    private Job pending(DrillMode mode) {
        return lifecycle.accept("j-1", "b-1", "r-1", 0, "s-1", "i-1", "cn-hangzhou", "alinux3", mode, List.of(),
                "sub-1", T0);
    }

    private Job drilling(DrillMode mode) {
        return in(JobState.DRILLING, mode);
    }

    private Job done() {
        return lastStepDone().job();
    }

    /** A job of drill mode {@code mode} brought into {@code state} by the triggers that lead there. */
    private Job in(JobState state, DrillMode mode) {
        Job job = lifecycle.release(pending(mode), T0).job();
        if (state == JobState.PRECHECKING) {
            return job;
        }
        job = lifecycle.precheckPassed(job, "e-p", List.of(), T0).job();
        if (state == JobState.SNAPSHOTTING) {
            return job;
        }
        job = lifecycle.snapshotsCreated(job, "e-s", SNAPSHOTS, T0).job();
        if (state == JobState.AWAITING_APPROVAL) {
            return lifecycle.drillFinished(job, CLEAN_DRILL, 0, "", T0).job();
        }
        assertThat(job.state()).isEqualTo(state);
        return job;
    }

    /** The current step as the worker marks it before RunCommand. */
    private static Job started(Job job) {
        PlannedStep step = job.currentStep().orElseThrow();
        return step.started() ? job : job.withStep(step.invoked("t-1", T0), T0);
    }

    private static Deadlines deadlines(Duration prechecking) {
        Map<JobState, Duration> map = new EnumMap<>(Deadlines.defaults().perState());
        map.put(JobState.PRECHECKING, prechecking);
        return new Deadlines(map, Duration.ofHours(2));
    }

    private static Deadlines deadlinesWithPending() {
        Map<JobState, Duration> map = new EnumMap<>(Deadlines.defaults().perState());
        map.put(JobState.PENDING, Duration.ofDays(1));
        return new Deadlines(map, Duration.ofHours(2));
    }

    private static MigrationRecipes lifecycleRecipe() {
        return new FixedTestRecipe();
    }
}
