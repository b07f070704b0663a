package io.osmigration.snapshot.domain;

import java.util.Collection;
import java.util.List;

/**
 * What this service needs from the cloud. Every call is safe to repeat: CreateSnapshot carries a ClientToken,
 * deleting a snapshot that is already gone succeeds.
 */
public interface SnapshotCloud {

    List<DiskInfo> describeDisks(String regionId, String instanceId);

    /** Returns the snapshot id; the same ClientToken again returns the same snapshot. */
    String createSnapshot(String regionId, String diskId, String snapshotName, String clientToken);

    /**
     * One snapshot-consistent group of every disk of the instance; returns the group id. The same ClientToken again
     * returns the same group. Refused (a {@code CloudApiException} retrying cannot change) when the cloud cannot take
     * the disks in one group: disks outside the ESSD family, more than 16 disks or 32 TiB.
     */
    String createSnapshotGroup(String regionId, String instanceId, String name, String clientToken);

    /** The groups with these ids that exist, in as few calls as the API takes (10 ids a call). */
    List<CloudSnapshotGroup> describeSnapshotGroups(String regionId, Collection<String> groupIds);

    /** The snapshots with these ids that exist, in as few calls as the API takes (100 ids a call). */
    List<CloudSnapshot> describeSnapshots(String regionId, Collection<String> snapshotIds);

    /**
     * Snapshots of the instance's disks whose name starts with {@code namePrefix}, and the snapshots of its
     * snapshot-consistent groups whose name starts with it (reported under the group's name).
     */
    List<CloudSnapshot> findSnapshots(String regionId, String instanceId, String namePrefix);

    /**
     * As {@link #findSnapshots(String, String, String)}, with the region's groups already listed (one listing for a
     * whole sweep rather than one per instance).
     */
    List<CloudSnapshot> findSnapshots(String regionId, String instanceId, String namePrefix,
                                      List<CloudSnapshotGroup> regionGroups);

    /** Every snapshot-consistent group of the region whose name starts with {@code namePrefix} (100 a call). */
    List<CloudSnapshotGroup> findSnapshotGroups(String regionId, String namePrefix);

    /** Deletes the snapshot; one that does not exist (any more) counts as deleted. */
    void deleteSnapshot(String regionId, String snapshotId);

    /** ECS instance status (Running, Stopping, Stopped, Starting) and OS name. */
    InstanceState describeInstance(String regionId, String instanceId);

    void stopInstance(String regionId, String instanceId);

    void startInstance(String regionId, String instanceId);

    void resetDisk(String regionId, String diskId, String snapshotId);

    record InstanceState(String status, String osName) {
    }
}
