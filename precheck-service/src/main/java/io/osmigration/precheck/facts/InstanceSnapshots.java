package io.osmigration.precheck.facts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.aliyuncs.ecs.model.v20140526.DescribeDisksRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeDisksResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsResponse;

import io.osmigration.platform.cloud.CloudApiException;
import io.osmigration.platform.cloud.EcsGateway;
import io.osmigration.precheck.rules.CheckSubject.SnapshotState;

/**
 * Snapshots being created on instances' disks right now (DescribeSnapshots, Status=progressing), for many instances
 * in few calls. DescribeSnapshots takes one InstanceId (or none), and its answer names each snapshot's SourceDiskId,
 * not the instance (API reference, DescribeSnapshots). So there are two ways: one call per instance, or the region's
 * progressing snapshots listed once (100 a page) and their disks' instances read by DescribeDisks (DiskIds, up to 100
 * a call). The listing serves every instance at once; it is chosen when it costs fewer calls than asking for each
 * instance, judged by how many snapshots the region was creating at its last listing and again by its first page —
 * so a region where hundreds of snapshots are being created is asked per instance, and a quiet one costs one call
 * for all.
 */
@Service
public class InstanceSnapshots {

    private static final Logger log = LoggerFactory.getLogger(InstanceSnapshots.class);
    private static final int PAGE = 100;
    private static final int DISK_IDS = 100;

    private final EcsGateway ecs;
    /**
     * Snapshots in progress per region at the last listing: a region busy creating snapshots is asked per instance
     * without spending a first page on a listing that would not pay. The guess halves each time it is used, so a
     * region that went quiet is listed again after a few reads.
     */
    private final Map<String, Integer> lastProgressing = new java.util.concurrent.ConcurrentHashMap<>();

    public InstanceSnapshots(EcsGateway ecs) {
        this.ecs = ecs;
    }

    public SnapshotState inProgress(String instanceId, String regionId) {
        if (instanceId == null || instanceId.isBlank()) {
            return SnapshotState.NONE;
        }
        return inProgress(regionId, List.of(instanceId)).get(instanceId);
    }

    /** The snapshots in progress of each instance (blank ids: none); an instance not listed could not be read. */
    public Map<String, SnapshotState> inProgress(String regionId, Collection<String> instanceIds) {
        Set<String> ids = new LinkedHashSet<>();
        instanceIds.stream().filter(id -> id != null && !id.isBlank()).forEach(ids::add);
        Map<String, SnapshotState> states = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return states;
        }
        try {
            if (ids.size() == 1) {
                return perInstance(regionId, ids, states);
            }
            if (listingCost(lastProgressing.getOrDefault(regionId, 0)) + 1 >= ids.size()) {
                lastProgressing.computeIfPresent(regionId, (region, progressing) -> progressing / 2);
                return perInstance(regionId, ids, states);
            }
            DescribeSnapshotsResponse first = page(regionId, null, 1);
            int total = first.getTotalCount() == null ? first.getSnapshots().size() : first.getTotalCount();
            lastProgressing.put(regionId, total);
            int pages = (total + PAGE - 1) / PAGE;
            if (listingCost(total) >= ids.size()) {
                return perInstance(regionId, ids, states);
            }
            List<DescribeSnapshotsResponse.Snapshot> progressing = new ArrayList<>(first.getSnapshots());
            for (int page = 2; page <= pages; page++) {
                progressing.addAll(page(regionId, null, page).getSnapshots());
            }
            Map<String, String> owners = owners(regionId, progressing);
            for (String id : ids) {
                states.put(id, state(progressing, owners, id));
            }
        } catch (CloudApiException e) {
            log.info("Listing snapshots of {} instance(s) in {} failed: {}", ids.size(), regionId, e.getMessage());
            ids.forEach(id -> states.put(id, new SnapshotState(List.of(), e.getMessage())));
        }
        return states;
    }

    /**
     * Calls the listing takes after its first page when {@code progressing} snapshots are being created in the
     * region: the further pages and the reads of their disks' instances (100 disks a call).
     */
    private static int listingCost(int progressing) {
        int pages = (progressing + PAGE - 1) / PAGE;
        return Math.max(0, pages - 1) + pages;
    }

    private Map<String, SnapshotState> perInstance(String regionId, Set<String> ids, Map<String, SnapshotState> states) {
        for (String id : ids) {
            states.put(id, state(page(regionId, id, 1).getSnapshots(), null, id));
        }
        return states;
    }

    private DescribeSnapshotsResponse page(String regionId, String instanceId, int page) {
        DescribeSnapshotsRequest request = new DescribeSnapshotsRequest();
        request.setSysRegionId(regionId);
        if (instanceId != null) {
            request.setInstanceId(instanceId);
        }
        request.setStatus("progressing");
        request.setPageSize(PAGE);
        request.setPageNumber(page);
        return ecs.call(request);
    }

    /** The instance each snapshot's disk is attached to now, by disk id (DescribeDisks, 100 ids a call). */
    private Map<String, String> owners(String regionId, List<DescribeSnapshotsResponse.Snapshot> snapshots) {
        List<String> diskIds = snapshots.stream().map(DescribeSnapshotsResponse.Snapshot::getSourceDiskId)
                .filter(id -> id != null && !id.isBlank()).distinct().toList();
        Map<String, String> owners = new HashMap<>();
        for (int from = 0; from < diskIds.size(); from += DISK_IDS) {
            List<String> batch = diskIds.subList(from, Math.min(diskIds.size(), from + DISK_IDS));
            DescribeDisksRequest request = new DescribeDisksRequest();
            request.setSysRegionId(regionId);
            request.setDiskIds("[" + String.join(",", batch.stream().map(id -> "\"" + id + "\"").toList()) + "]");
            request.setPageSize(DISK_IDS);
            DescribeDisksResponse response = ecs.call(request);
            for (DescribeDisksResponse.Disk disk : response.getDisks()) {
                if (disk.getInstanceId() != null && !disk.getInstanceId().isBlank()) {
                    owners.put(disk.getDiskId(), disk.getInstanceId());
                }
            }
        }
        return owners;
    }

    /**
     * The snapshots of {@code instanceId} among {@code snapshots}: all of them when they were asked for that instance
     * ({@code owners} null), else those whose disk it owns.
     */
    private static SnapshotState state(List<DescribeSnapshotsResponse.Snapshot> snapshots, Map<String, String> owners,
                                       String instanceId) {
        return new SnapshotState(snapshots.stream()
                .filter(s -> owners == null || instanceId.equals(owners.get(s.getSourceDiskId())))
                .filter(s -> s.getStatus() == null || "progressing".equalsIgnoreCase(s.getStatus()))
                .map(s -> s.getSnapshotId() + " of disk " + s.getSourceDiskId() + " (" + orZero(s.getProgress()) + ")")
                .toList(), null);
    }

    private static String orZero(String progress) {
        return progress == null || progress.isBlank() ? "0%" : progress;
    }
}
