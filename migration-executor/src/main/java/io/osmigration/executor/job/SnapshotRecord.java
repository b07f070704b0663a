package io.osmigration.executor.job;

import io.osmigration.events.SnapshotInfo;

/** A backup snapshot of one of the job's disks, as reported by snapshot-service. */
public record SnapshotRecord(String snapshotId, String snapshotName, String diskId, String diskType, int sizeGiB,
                             String status) {

    static SnapshotRecord of(SnapshotInfo info, String status) {
        return new SnapshotRecord(info.getSnapshotId(), info.getSnapshotName(), info.getDiskId(), info.getDiskType(),
                info.getSizeGiB(), status);
    }

    SnapshotRecord withStatus(String newStatus) {
        return new SnapshotRecord(snapshotId, snapshotName, diskId, diskType, sizeGiB, newStatus);
    }
}
