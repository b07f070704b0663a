package io.osmigration.notification.domain;

/** A backup snapshot of one disk, and what keeping it costs per day. */
public record Snapshot(String snapshotId, String snapshotName, String diskId, int sizeGiB, double dailyCost) {
}
