package io.osmigration.executor.domain;

import java.util.EnumSet;
import java.util.Set;

/** The contract's job states. What each one means, and how a job leaves it, is {@link JobLifecycle}'s table. */
public enum JobState {
    PENDING, PRECHECKING, PRECHECK_FAILED, SNAPSHOTTING, DRILLING, AWAITING_APPROVAL, MIGRATING, COMPLETED, FAILED,
    ROLLED_BACK, CANCELLED;

    private static final Set<JobState> FINISHED = EnumSet.of(PRECHECK_FAILED, COMPLETED, FAILED, ROLLED_BACK, CANCELLED);
    /** States that hold one of the batch's parallel slots. */
    private static final Set<JobState> ACTIVE = EnumSet.of(PRECHECKING, SNAPSHOTTING, DRILLING, MIGRATING);
    /** States in which the executor itself works on the instance through Cloud Assistant. */
    private static final Set<JobState> WORKED = EnumSet.of(DRILLING, MIGRATING);

    /** Finished for good: the job will do nothing more by itself. */
    public boolean isFinished() {
        return FINISHED.contains(this);
    }

    public boolean isActive() {
        return ACTIVE.contains(this);
    }

    public boolean isWorked() {
        return WORKED.contains(this);
    }

    /** Outcomes counted against a batch's failure threshold (a failed precheck changed nothing, it is not one). */
    public boolean isFailure() {
        return this == FAILED || this == ROLLED_BACK;
    }

    public static Set<JobState> active() {
        return ACTIVE;
    }

    public static Set<JobState> finished() {
        return FINISHED;
    }
}
