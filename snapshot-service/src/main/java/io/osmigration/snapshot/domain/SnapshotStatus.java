package io.osmigration.snapshot.domain;

/** The state of one backup snapshot as the API reports it. */
public enum SnapshotStatus {
    CREATING, AVAILABLE, RELEASED, FAILED;

    /** Whether the snapshot (may) still exist in the cloud and cost money. */
    public boolean exists() {
        return this == CREATING || this == AVAILABLE;
    }
}
