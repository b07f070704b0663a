package io.osmigration.snapshot.domain;

import java.time.Instant;

/**
 * The backup of one disk of a job.
 *
 * @param snapshotId null until CreateSnapshot answered; the ClientToken makes re-sending it safe
 */
public record DiskSnapshot(String diskId, String diskType, int sizeGiB, String snapshotName, String clientToken,
                           String snapshotId, SnapshotStatus status, Instant createdAt, Instant releasedAt,
                           double estimatedDailyCost) {

    public DiskSnapshot withSnapshotId(String id, Instant at) {
        return new DiskSnapshot(diskId, diskType, sizeGiB, snapshotName, clientToken, id, status, at, releasedAt,
                estimatedDailyCost);
    }

    public DiskSnapshot withStatus(SnapshotStatus newStatus) {
        return new DiskSnapshot(diskId, diskType, sizeGiB, snapshotName, clientToken, snapshotId, newStatus, createdAt,
                releasedAt, estimatedDailyCost);
    }

    public DiskSnapshot deleted(SnapshotStatus finalStatus, Instant at) {
        return new DiskSnapshot(diskId, diskType, sizeGiB, snapshotName, clientToken, snapshotId, finalStatus,
                createdAt, at, estimatedDailyCost);
    }
}
