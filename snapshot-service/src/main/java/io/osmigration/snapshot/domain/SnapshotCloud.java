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

    List<CloudSnapshot> describeSnapshots(String regionId, Collection<String> snapshotIds);

    /** Snapshots of the instance's disks whose name starts with {@code namePrefix}. */
    List<CloudSnapshot> findSnapshots(String regionId, String instanceId, String namePrefix);

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
