package io.osmigration.snapshot.domain;

/**
 * A snapshot as the cloud describes it.
 *
 * @param status ECS status: progressing, accomplished or failed
 */
public record CloudSnapshot(String snapshotId, String snapshotName, String diskId, String status, int sizeGiB) {

    public boolean accomplished() {
        return "accomplished".equalsIgnoreCase(status);
    }

    public boolean failed() {
        return "failed".equalsIgnoreCase(status);
    }
}
