package io.osmigration.executor.domain;

/** A batch's own state (its jobs have theirs). */
public enum BatchState {
    /** Releases jobs while its wave has room. */
    RUNNING,
    /** Releases nothing; jobs already released go on. By an operator, or by the failure threshold. */
    PAUSED,
    /** Every job ended. */
    COMPLETED,
    /** Releases nothing, its unfinished jobs are cancelled; finished once they all ended. */
    CANCELLED
}
