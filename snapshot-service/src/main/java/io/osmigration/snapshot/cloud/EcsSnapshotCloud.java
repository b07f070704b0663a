package io.osmigration.snapshot.cloud;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.aliyuncs.ecs.model.v20140526.CreateSnapshotRequest;
import com.aliyuncs.ecs.model.v20140526.DeleteSnapshotRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeDisksRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeDisksResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsResponse;
import com.aliyuncs.ecs.model.v20140526.ResetDiskRequest;
import com.aliyuncs.ecs.model.v20140526.StartInstanceRequest;
import com.aliyuncs.ecs.model.v20140526.StopInstanceRequest;

import io.osmigration.platform.cloud.CloudApiException;
import io.osmigration.platform.cloud.EcsGateway;
import io.osmigration.platform.cloud.budget.CallPriority;
import io.osmigration.snapshot.domain.CloudSnapshot;
import io.osmigration.snapshot.domain.DiskInfo;
import io.osmigration.snapshot.domain.SnapshotCloud;

/** {@link SnapshotCloud} over the ECS OpenAPI, through the platform's gateway (rate limit, Throttling retries). */
@Component
class EcsSnapshotCloud implements SnapshotCloud {

    private static final int PAGE_SIZE = 100;

    private final EcsGateway ecs;

    EcsSnapshotCloud(EcsGateway ecs) {
        this.ecs = ecs;
    }

    @Override
    public List<DiskInfo> describeDisks(String regionId, String instanceId) {
        List<DiskInfo> disks = new ArrayList<>();
        for (int page = 1; ; page++) {
            DescribeDisksRequest request = new DescribeDisksRequest();
            request.setSysRegionId(regionId);
            request.setInstanceId(instanceId);
            request.setPageNumber(page);
            request.setPageSize(PAGE_SIZE);
            DescribeDisksResponse response = ecs.call(request);
            List<DescribeDisksResponse.Disk> found = response.getDisks() == null ? List.of() : response.getDisks();
            for (DescribeDisksResponse.Disk disk : found) {
                disks.add(new DiskInfo(disk.getDiskId(), disk.getType() == null ? "system" : disk.getType(),
                        disk.getSize() == null ? 0 : disk.getSize()));
            }
            if (found.size() < PAGE_SIZE || total(response.getTotalCount()) <= disks.size()) {
                return disks;
            }
        }
    }

    @Override
    public String createSnapshot(String regionId, String diskId, String snapshotName, String clientToken) {
        CreateSnapshotRequest request = new CreateSnapshotRequest();
        request.setSysRegionId(regionId);
        request.setDiskId(diskId);
        request.setSnapshotName(snapshotName);
        request.setDescription("Backup before an OS migration by osmigration");
        request.setClientToken(clientToken);
        return ecs.call(request).getSnapshotId();
    }

    @Override
    public List<CloudSnapshot> describeSnapshots(String regionId, Collection<String> snapshotIds) {
        if (snapshotIds.isEmpty()) {
            return List.of();
        }
        String ids = snapshotIds.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]"));
        return describe(regionId, request -> request.setSnapshotIds(ids));
    }

    @Override
    public List<CloudSnapshot> findSnapshots(String regionId, String instanceId, String namePrefix) {
        return describe(regionId, request -> request.setInstanceId(instanceId)).stream()
                .filter(s -> s.snapshotName() != null && s.snapshotName().startsWith(namePrefix))
                .toList();
    }

    private List<CloudSnapshot> describe(String regionId, java.util.function.Consumer<DescribeSnapshotsRequest> filter) {
        List<CloudSnapshot> snapshots = new ArrayList<>();
        for (int page = 1; ; page++) {
            DescribeSnapshotsRequest request = new DescribeSnapshotsRequest();
            request.setSysRegionId(regionId);
            filter.accept(request);
            request.setPageNumber(page);
            request.setPageSize(PAGE_SIZE);
            DescribeSnapshotsResponse response = ecs.call(request);
            List<DescribeSnapshotsResponse.Snapshot> found = response.getSnapshots() == null ? List.of()
                    : response.getSnapshots();
            for (DescribeSnapshotsResponse.Snapshot s : found) {
                snapshots.add(new CloudSnapshot(s.getSnapshotId(), s.getSnapshotName(), s.getSourceDiskId(),
                        s.getStatus(), parseSize(s.getSourceDiskSize())));
            }
            if (found.size() < PAGE_SIZE || total(response.getTotalCount()) <= snapshots.size()) {
                return snapshots;
            }
        }
    }

    @Override
    public void deleteSnapshot(String regionId, String snapshotId) {
        DeleteSnapshotRequest request = new DeleteSnapshotRequest();
        request.setSysRegionId(regionId);
        request.setSnapshotId(snapshotId);
        // Force: a backup snapshot may have been used by ResetDisk; it is ours to delete either way.
        request.setForce(true);
        try {
            ecs.call(request);
        } catch (CloudApiException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }

    @Override
    public InstanceState describeInstance(String regionId, String instanceId) {
        DescribeInstancesRequest request = new DescribeInstancesRequest();
        request.setSysRegionId(regionId);
        request.setInstanceIds("[\"" + instanceId + "\"]");
        // Only a rollback looks at the instance here: its status is a step's result, not a poll.
        DescribeInstancesResponse response = ecs.call(request, CallPriority.ROLLBACK);
        if (response.getInstances() == null || response.getInstances().isEmpty()) {
            throw new CloudApiException("DescribeInstances", "InvalidInstanceId.NotFound",
                    "instance " + instanceId + " not found", response.getRequestId());
        }
        DescribeInstancesResponse.Instance instance = response.getInstances().get(0);
        return new InstanceState(instance.getStatus(), instance.getOSName());
    }

    @Override
    public void stopInstance(String regionId, String instanceId) {
        StopInstanceRequest request = new StopInstanceRequest();
        request.setSysRegionId(regionId);
        request.setInstanceId(instanceId);
        ecs.call(request, CallPriority.ROLLBACK);
    }

    @Override
    public void startInstance(String regionId, String instanceId) {
        StartInstanceRequest request = new StartInstanceRequest();
        request.setSysRegionId(regionId);
        request.setInstanceId(instanceId);
        ecs.call(request, CallPriority.ROLLBACK);
    }

    @Override
    public void resetDisk(String regionId, String diskId, String snapshotId) {
        ResetDiskRequest request = new ResetDiskRequest();
        request.setSysRegionId(regionId);
        request.setDiskId(diskId);
        request.setSnapshotId(snapshotId);
        ecs.call(request);
    }

    private static int total(Integer totalCount) {
        return totalCount == null ? Integer.MAX_VALUE : totalCount;
    }

    private static int parseSize(String size) {
        try {
            return size == null ? 0 : Integer.parseInt(size.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
