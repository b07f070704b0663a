package io.osmigration.executor.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One server's migration within a batch. Immutable: every change returns a new value. Its {@link #state()} changes
 * only through {@link JobLifecycle} (the state machine and its table); the methods here that are public change how far
 * a step got and when the worker looks again, never the state.
 *
 * @param stateSince       when the job entered its state
 * @param deadlineAt       when it fails if still in that state (null: no deadline)
 * @param drill            the rehearsal, planned when the job enters DRILLING
 * @param steps            the plan of the migration, planned when the job enters MIGRATING
 * @param cancelRequested  an operator cancelled while a step ran; the job stops at the next step boundary
 * @param rollbackPending  MigrationFailed asked for the disks to be rolled back and DisksRolledBack has not come yet:
 *                         the instance stays claimed until then, at most until {@code rollbackDeadline}
 * @param lastEventId      the incoming event that last moved the job, the causation of what it emits next
 * @param nextActionAt     when the worker should look at a DRILLING or MIGRATING job again
 * @param cloudFailures    transient ECS failures in a row, for back-off and its bound
 */
public record Job(String jobId, String batchId, String requestId, int position, String sourceId, String instanceId, String regionId,
                  String destinationOs, DrillMode drillMode, List<String> autoRemediate, JobState state,
                  Instant stateSince, Instant deadlineAt, PlannedStep drill, List<PlannedStep> steps,
                  List<Finding> findings, List<SnapshotRef> snapshots, String error, String failedStep,
                  String resultingOs, boolean cancelRequested, String cancelReason, boolean rollbackPending,
                  Instant rollbackDeadline, String lastEventId, Instant nextActionAt, int cloudFailures,
                  String lastCloudError, Instant createdAt, Instant updatedAt) {

    public Job {
        autoRemediate = autoRemediate == null ? List.of() : List.copyOf(autoRemediate);
        steps = steps == null ? List.of() : List.copyOf(steps);
        findings = findings == null ? List.of() : List.copyOf(findings);
        snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
    }

    /** Whether the job is in {@code expected}. */
    public boolean is(JobState expected) {
        return state == expected;
    }

    /** The instance is claimed by this job: no other job may work on it meanwhile. */
    public boolean holdsInstance() {
        return JobLifecycle.holdsInstance(state) || rollbackPending;
    }

    /** What identifies the instance across batches: the ECS instance, or the source when it has none. */
    public String instanceKey() {
        return instanceId == null ? "source:" + sourceId : "ecs:" + regionId + ":" + instanceId;
    }

    /** Ended, and nothing more will change it: no rollback is awaited. */
    public boolean settled() {
        return state.isFinished() && !rollbackPending;
    }

    /** When a worker must look at the job: its next move, its deadline, or the end of its rollback wait. */
    public Instant dueAt() {
        if (state.isWorked()) {
            return earliest(nextActionAt, deadlineAt);
        }
        if (state.isFinished()) {
            return rollbackPending ? rollbackDeadline : null;
        }
        return deadlineAt;
    }

    /** The first step of the plan that has not succeeded. */
    public Optional<PlannedStep> currentStep() {
        return steps.stream().filter(step -> step.status() != StepStatus.SUCCEEDED).findFirst();
    }

    public boolean anyStepStarted() {
        return steps.stream().anyMatch(PlannedStep::started);
    }

    /** Whether what ran so far changed the instance, so that a job ending now needs its disks rolled back. */
    public boolean changedTheInstance() {
        return steps.stream().anyMatch(PlannedStep::changesInstance);
    }

    public boolean drillFoundCritical() {
        return findings.stream().anyMatch(Finding::isCriticalDrillItem);
    }

    // ---- progress within a state (never a change of state) ----

    public Job withDrill(PlannedStep updated, Instant now) {
        Draft d = draft(now);
        d.drill = updated;
        return d.build();
    }

    /** Replaces the step of the same name. */
    public Job withStep(PlannedStep updated, Instant now) {
        Draft d = draft(now);
        List<PlannedStep> replaced = new ArrayList<>(steps.size());
        for (PlannedStep step : steps) {
            replaced.add(step.name().equals(updated.name()) ? updated : step);
        }
        d.steps = replaced;
        return d.build();
    }

    /** The last move went through: the worker looks again at {@code next}. */
    public Job lookAgainAt(Instant next, Instant now) {
        Draft d = draft(now);
        d.nextActionAt = next;
        d.cloudFailures = 0;
        d.lastCloudError = null;
        return d.build();
    }

    /** A transient ECS failure: remembered for operators and counted, the worker tries again at {@code next}. */
    public Job cloudFailed(String failure, Instant next, Instant now) {
        Draft d = draft(now);
        d.nextActionAt = next;
        d.cloudFailures = cloudFailures + 1;
        d.lastCloudError = failure;
        return d.build();
    }

    /**
     * Whether {@code later} is this job with only its schedule changed (when to look again, the ECS failures in a
     * row and the last one, the time of the change): a store may write just those.
     */
    public boolean onlyRescheduledIn(Job later) {
        Draft d = later.draft(later.updatedAt);
        d.nextActionAt = nextActionAt;
        d.cloudFailures = cloudFailures;
        d.lastCloudError = lastCloudError;
        Job same = d.build();
        return new Draft(this, later.updatedAt).build().equals(same);
    }

    /** Snapshot-service released the job's snapshots. */
    public Job snapshotsReleased(Instant now) {
        Draft d = draft(now);
        d.snapshots = snapshots.stream().map(s -> s.withStatus(SnapshotRef.RELEASED)).toList();
        return d.build();
    }

    // ---- for the state machine only ----

    static Job pending(String jobId, String batchId, String requestId, int position, String sourceId,
                       String instanceId, String regionId, String destinationOs, DrillMode drillMode,
                       List<String> autoRemediate, String submissionId, Instant now, Instant deadlineAt) {
        return new Job(jobId, batchId, requestId, position, sourceId, instanceId, regionId, destinationOs, drillMode,
                autoRemediate, JobState.PENDING, now, deadlineAt, null, List.of(), List.of(), List.of(), null, null,
                null, false, null, false, null, submissionId, null, 0, null, now, now);
    }

    Draft draft(Instant now) {
        return new Draft(this, now);
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    /** A mutable copy for building the next value; the state is set by {@link JobLifecycle} alone. */
    static final class Draft {
        private final Job from;
        private final Instant now;
        JobState state;
        Instant stateSince;
        Instant deadlineAt;
        PlannedStep drill;
        List<PlannedStep> steps;
        List<Finding> findings;
        List<SnapshotRef> snapshots;
        String error;
        String failedStep;
        String resultingOs;
        boolean cancelRequested;
        String cancelReason;
        boolean rollbackPending;
        Instant rollbackDeadline;
        String lastEventId;
        Instant nextActionAt;
        int cloudFailures;
        String lastCloudError;

        private Draft(Job job, Instant now) {
            this.from = job;
            this.now = now;
            state = job.state;
            stateSince = job.stateSince;
            deadlineAt = job.deadlineAt;
            drill = job.drill;
            steps = job.steps;
            findings = job.findings;
            snapshots = job.snapshots;
            error = job.error;
            failedStep = job.failedStep;
            resultingOs = job.resultingOs;
            cancelRequested = job.cancelRequested;
            cancelReason = job.cancelReason;
            rollbackPending = job.rollbackPending;
            rollbackDeadline = job.rollbackDeadline;
            lastEventId = job.lastEventId;
            nextActionAt = job.nextActionAt;
            cloudFailures = job.cloudFailures;
            lastCloudError = job.lastCloudError;
        }

        /** Appends to the error the job shows, so that what happened later does not hide what happened first. */
        void addError(String more) {
            error = error == null || error.isBlank() ? more : error + "; " + more;
        }

        Job build() {
            return new Job(from.jobId, from.batchId, from.requestId, from.position, from.sourceId, from.instanceId, from.regionId,
                    from.destinationOs, from.drillMode, from.autoRemediate, state, stateSince, deadlineAt, drill,
                    steps, findings, snapshots, error, failedStep, resultingOs, cancelRequested, cancelReason,
                    rollbackPending, rollbackDeadline, lastEventId, nextActionAt, cloudFailures, lastCloudError,
                    from.createdAt, now);
        }
    }
}
