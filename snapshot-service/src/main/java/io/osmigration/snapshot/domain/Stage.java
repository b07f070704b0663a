package io.osmigration.snapshot.domain;

/** Where a job's backup is in its life. */
public enum Stage {
    /** Document stored; neither a snapshot group nor the disks' snapshots asked for yet. */
    DISCOVERING,
    /**
     * CreateSnapshotGroup answered, or CreateSnapshot sent (or about to be) for every disk; waiting for all to be
     * accomplished.
     */
    CREATING,
    /** Creation failed or timed out: deleting the partial snapshots before reporting. */
    CLEANING_UP,
    /** Creation failed and nothing is left behind. Terminal. */
    FAILED,
    /** Every disk has an accomplished snapshot. */
    AVAILABLE,
    /** Deleting the snapshots (retention over, operator request). */
    RELEASING,
    /** Snapshots deleted. Terminal. */
    RELEASED,
    /** Stop, reset every disk to its snapshot, start. */
    ROLLING_BACK,
    /** Disks reset; snapshots kept until an operator releases them. */
    ROLLED_BACK;

    /** Stages in which the job still owns (or may own) snapshots in the cloud. */
    public boolean ownsSnapshots() {
        return this != FAILED && this != RELEASED;
    }
}
