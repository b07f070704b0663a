package io.osmigration.snapshot.cloud;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.aliyuncs.ecs.model.v20140526.CreateSnapshotGroupRequest;
import com.aliyuncs.ecs.model.v20140526.CreateSnapshotRequest;
import com.aliyuncs.ecs.model.v20140526.DeleteSnapshotRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeDisksRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeDisksResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotGroupsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotGroupsResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsResponse;
import com.aliyuncs.ecs.model.v20140526.ResetDiskRequest;
import com.aliyuncs.ecs.model.v20140526.StartInstanceRequest;
import com.aliyuncs.ecs.model.v20140526.StopInstanceRequest;

import io.osmigration.platform.cloud.CloudApiException;
import io.osmigration.platform.cloud.EcsGateway;
import io.osmigration.platform.cloud.budget.CallPriority;
import io.osmigration.snapshot.domain.CloudSnapshot;
import io.osmigration.snapshot.domain.CloudSnapshotGroup;
import io.osmigration.snapshot.domain.DiskInfo;
import io.osmigration.snapshot.domain.SnapshotCloud;

/** {@link SnapshotCloud} over the ECS OpenAPI, through the platform's gateway (rate limit, Throttling retries). */
@Component
class EcsSnapshotCloud implements SnapshotCloud {

    private static final int PAGE_SIZE = 100;
    /** DescribeSnapshots: SnapshotIds, "a JSON array that consists of up to 100 snapshot IDs". */
    private static final int SNAPSHOT_IDS_PER_CALL = 100;
    /** DescribeSnapshotGroups: "SnapshotGroupId.N … Valid values of N: 1 to 10". */
    private static final int GROUP_IDS_PER_CALL = 10;

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
    public String createSnapshotGroup(String regionId, String instanceId, String name, String clientToken) {
        CreateSnapshotGroupRequest request = new CreateSnapshotGroupRequest();
        request.setSysRegionId(regionId);
        request.setInstanceId(instanceId);
        request.setName(name);
        request.setDescription("Backup before an OS migration by osmigration");
        // CreateSnapshotGroup takes a ClientToken (API reference; added after this SDK version was generated).
        request.putQueryParameter("ClientToken", clientToken);
        return ecs.call(request).getSnapshotGroupId();
    }

    @Override
    public List<CloudSnapshotGroup> describeSnapshotGroups(String regionId, Collection<String> groupIds) {
        List<CloudSnapshotGroup> groups = new ArrayList<>();
        for (List<String> chunk : chunks(groupIds, GROUP_IDS_PER_CALL)) {
            groups.addAll(describeGroups(regionId, request -> request.setSnapshotGroupIds(chunk)));
        }
        return groups;
    }

    private List<CloudSnapshotGroup> describeGroups(String regionId,
                                                    java.util.function.Consumer<DescribeSnapshotGroupsRequest> filter) {
        List<CloudSnapshotGroup> groups = new ArrayList<>();
        String token = null;
        do {
            DescribeSnapshotGroupsRequest request = new DescribeSnapshotGroupsRequest();
            request.setSysRegionId(regionId);
            filter.accept(request);
            request.setMaxResults(PAGE_SIZE);
            request.setNextToken(token);
            DescribeSnapshotGroupsResponse response = ecs.call(request);
            if (response.getSnapshotGroups() != null) {
                response.getSnapshotGroups().forEach(group -> groups.add(group(group)));
            }
            token = response.getNextToken();
        } while (token != null && !token.isEmpty());
        return groups;
    }

    private static CloudSnapshotGroup group(DescribeSnapshotGroupsResponse.SnapshotGroup group) {
        List<CloudSnapshotGroup.Member> members = group.getSnapshots() == null ? List.of()
                : group.getSnapshots().stream().map(s -> new CloudSnapshotGroup.Member(s.getSnapshotId(),
                        s.getSourceDiskId(), s.getSourceDiskType() == null ? "data"
                        : s.getSourceDiskType().toLowerCase(java.util.Locale.ROOT))).toList();
        return new CloudSnapshotGroup(group.getSnapshotGroupId(), group.getName(), group.getInstanceId(),
                group.getStatus(), members);
    }

    @Override
    public List<CloudSnapshot> describeSnapshots(String regionId, Collection<String> snapshotIds) {
        List<CloudSnapshot> snapshots = new ArrayList<>();
        for (List<String> chunk : chunks(snapshotIds, SNAPSHOT_IDS_PER_CALL)) {
            String ids = chunk.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]"));
            snapshots.addAll(describe(regionId, request -> request.setSnapshotIds(ids)));
        }
        return snapshots;
    }

    @Override
    public List<CloudSnapshot> findSnapshots(String regionId, String instanceId, String namePrefix) {
        return findSnapshots(regionId, instanceId, namePrefix,
                describeGroups(regionId, request -> request.setInstanceId(instanceId)));
    }

    @Override
    public List<CloudSnapshot> findSnapshots(String regionId, String instanceId, String namePrefix,
                                             List<CloudSnapshotGroup> regionGroups) {
        List<CloudSnapshot> onInstance = describe(regionId, request -> request.setInstanceId(instanceId));
        List<CloudSnapshot> found = new ArrayList<>(onInstance.stream()
                .filter(s -> s.snapshotName() != null && s.snapshotName().startsWith(namePrefix)).toList());
        java.util.Map<String, CloudSnapshot> byId = new java.util.HashMap<>();
        onInstance.forEach(s -> byId.put(s.snapshotId(), s));
        for (CloudSnapshotGroup group : regionGroups) {
            if (!groupNamed(group.name(), namePrefix)) {
                continue;
            }
            for (CloudSnapshotGroup.Member member : group.members()) {
                CloudSnapshot listed = byId.get(member.snapshotId());
                if (listed != null || instanceId.equals(group.instanceId())) {
                    found.add(new CloudSnapshot(member.snapshotId(), group.name(), member.diskId(),
                            listed == null ? "" : listed.status(), listed == null ? 0 : listed.sizeGiB()));
                }
            }
        }
        return found;
    }

    @Override
    public List<CloudSnapshotGroup> findSnapshotGroups(String regionId, String namePrefix) {
        return describeGroups(regionId, request -> { }).stream().filter(g -> groupNamed(g.name(), namePrefix))
                .toList();
    }

    // A job's snapshots are named <prefix><job>_<disk>, its group <prefix><job>: the group matches the job's prefix
    // without its last '_'.
    private static boolean groupNamed(String name, String prefix) {
        return name != null && (name.startsWith(prefix) || (name + "_").equals(prefix));
    }

    private static List<List<String>> chunks(Collection<String> ids, int size) {
        List<String> distinct = ids.stream().distinct().toList();
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += size) {
            chunks.add(distinct.subList(from, Math.min(distinct.size(), from + size)));
        }
        return chunks;
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
