package io.osmigration.executor.domain;

/** A backup snapshot of one of the job's disks, as snapshot-service reported it. */
public record SnapshotRef(String snapshotId, String snapshotName, String diskId, String diskType, int sizeGiB,
                          String status) {

    public static final String AVAILABLE = "AVAILABLE";
    public static final String RESTORED = "RESTORED";
    public static final String RELEASED = "RELEASED";

    public SnapshotRef withStatus(String newStatus) {
        return new SnapshotRef(snapshotId, snapshotName, diskId, diskType, sizeGiB, newStatus);
    }
}
