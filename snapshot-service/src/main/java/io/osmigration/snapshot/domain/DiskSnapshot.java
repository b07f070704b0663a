package io.osmigration.snapshot.domain;

import java.time.Instant;

/**
 * The backup of one disk of a job.
 *
 * @param snapshotName the snapshot's name, or for a snapshot of a snapshot-consistent group the group's name (the
 *                     reference gives a group's snapshots no name of the caller's)
 * @param clientToken  of CreateSnapshot, or of CreateSnapshotGroup for a group's snapshot
 * @param snapshotId   null until CreateSnapshot answered; the ClientToken makes re-sending it safe
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

    /** The disk's size as the snapshot reports it (a group's snapshots come without the disks' sizes). */
    public DiskSnapshot withSize(int size, double dailyCost) {
        return new DiskSnapshot(diskId, diskType, size, snapshotName, clientToken, snapshotId, status, createdAt,
                releasedAt, dailyCost);
    }

    public DiskSnapshot deleted(SnapshotStatus finalStatus, Instant at) {
        return new DiskSnapshot(diskId, diskType, sizeGiB, snapshotName, clientToken, snapshotId, finalStatus,
                createdAt, at, estimatedDailyCost);
    }
}
