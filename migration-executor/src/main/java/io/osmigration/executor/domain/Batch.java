package io.osmigration.executor.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An accepted batch: its settings and its own state; its jobs are values of their own. Immutable: every change
 * returns a {@link BatchChange} with the events it tells.
 *
 * @param submittedBy          who submitted it: the API token's name, or the submitting system
 * @param acknowledgedFailures failures when an operator last resumed: the threshold counts only what came after
 * @param acknowledgedFinished finished jobs when an operator last resumed
 * @param changes              pauses and resumes so far, to tell one such event from the next
 * @param finishedAt           when every job had ended (BatchFinished); null before
 */
public record Batch(String batchId, String requestId, String submissionId, String destinationOs, DrillMode drillMode,
                    int maxParallel, Integer failureThresholdPercent, List<String> autoRemediate, int total,
                    BatchState state, String reason, String submittedBy, long acknowledgedFailures,
                    long acknowledgedFinished, int changes, Map<String, Integer> finalCounts, Instant createdAt,
                    Instant updatedAt, Instant finishedAt) {

    /** Who paused a batch that paused itself. */
    public static final String THRESHOLD = "threshold";

    public Batch {
        autoRemediate = autoRemediate == null ? List.of() : List.copyOf(autoRemediate);
        finalCounts = finalCounts == null ? null : Map.copyOf(finalCounts);
    }

    public static BatchChange accept(String batchId, String requestId, String submissionId, String destinationOs,
                                     DrillMode drillMode, int maxParallel, Integer failureThresholdPercent,
                                     List<String> autoRemediate, int total, String submittedBy, Instant now) {
        Batch batch = new Batch(batchId, requestId, submissionId, destinationOs, drillMode, maxParallel,
                failureThresholdPercent, autoRemediate, total, BatchState.RUNNING, null, submittedBy, 0, 0, 0, null,
                now, now, null);
        return BatchChange.of(batch, new BatchEvent.Accepted(submittedBy));
    }

    public boolean isFinished() {
        return finishedAt != null;
    }

    /** Still releasing jobs or waiting for them: the batch worker looks at it now and then. */
    public boolean isOpen() {
        return !isFinished();
    }

    public BatchChange pause(String by, String why, Instant now) {
        if (state != BatchState.RUNNING) {
            return BatchChange.refused(this, "batch " + batchId + " is " + state + ", not RUNNING");
        }
        return BatchChange.of(with(BatchState.PAUSED, why, acknowledgedFailures, acknowledgedFinished, changes + 1,
                null, now, null), new BatchEvent.Paused(by, why, changes + 1));
    }

    /** The failures so far count as seen: the threshold then applies to what happens next. */
    public BatchChange resume(String by, JobCounts counts, Instant now) {
        if (state != BatchState.PAUSED) {
            return BatchChange.refused(this, "batch " + batchId + " is " + state + ", not PAUSED");
        }
        return BatchChange.of(with(BatchState.RUNNING, null, counts.failures(), counts.finished(), changes + 1,
                null, now, null), new BatchEvent.Resumed(by, changes + 1));
    }

    public BatchChange cancel(String by, String why, Instant now) {
        if (state != BatchState.RUNNING && state != BatchState.PAUSED) {
            return BatchChange.refused(this, "batch " + batchId + " is " + state);
        }
        return BatchChange.of(with(BatchState.CANCELLED, why, acknowledgedFailures, acknowledgedFinished, changes,
                null, now, null), new BatchEvent.Cancelled(by, why));
    }

    /** What the batch worker does next: pause itself, release jobs, or finish. */
    public WavePlan plan(JobCounts counts) {
        if (isFinished()) {
            return WavePlan.NOTHING;
        }
        if (counts.total() >= total && counts.settled() >= total) {
            return new WavePlan(false, null, 0, true);
        }
        if (state != BatchState.RUNNING) {
            return WavePlan.NOTHING;
        }
        if (counts.pending() > 0 && thresholdReached(counts)) {
            String why = (counts.failures() - acknowledgedFailures) + " of " + (counts.finished() - acknowledgedFinished)
                    + " finished jobs failed, reaching the failure threshold of " + failureThresholdPercent
                    + "%; resume the batch to go on";
            return new WavePlan(true, why, 0, false);
        }
        long slots = Math.max(0, maxParallel - counts.active());
        return new WavePlan(false, null, (int) Math.min(slots, counts.pending()), false);
    }

    /** Every job ended: the batch is finished (COMPLETED, or CANCELLED if it was cancelled). */
    public BatchChange finish(JobCounts counts, Instant now) {
        if (isFinished()) {
            return BatchChange.refused(this, "batch " + batchId + " finished already");
        }
        BatchState last = state == BatchState.CANCELLED ? BatchState.CANCELLED : BatchState.COMPLETED;
        Map<String, Integer> counted = counts.asMap();
        return BatchChange.of(with(last, state == BatchState.CANCELLED ? reason : null, acknowledgedFailures,
                acknowledgedFinished, changes, counted, now, now), new BatchEvent.Finished(last, total, counted));
    }

    private boolean thresholdReached(JobCounts counts) {
        long newFailures = counts.failures() - acknowledgedFailures;
        long newFinished = counts.finished() - acknowledgedFinished;
        return failureThresholdPercent != null && newFinished > 0 && newFailures > 0
                && newFailures * 100 >= (long) failureThresholdPercent * newFinished;
    }

    private Batch with(BatchState newState, String newReason, long ackFailures, long ackFinished, int newChanges,
                       Map<String, Integer> counts, Instant now, Instant finished) {
        return new Batch(batchId, requestId, submissionId, destinationOs, drillMode, maxParallel,
                failureThresholdPercent, autoRemediate, total, newState, newReason, submittedBy, ackFailures,
                ackFinished, newChanges, counts, createdAt, now, finished);
    }

    /** The batch worker's decision for one round. */
    public record WavePlan(boolean pause, String pauseReason, int release, boolean finish) {
        static final WavePlan NOTHING = new WavePlan(false, null, 0, false);
    }
}
