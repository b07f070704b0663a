package io.osmigration.snapshot.domain;

/** Why snapshots were deleted; carried in SnapshotReleased.reason. */
public enum ReleaseReason {
    RETENTION, OPERATOR, ORPHAN
}
