package io.osmigration.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** DescribeDisks, CreateSnapshot, DescribeSnapshots, DeleteSnapshot and ResetDisk. */
final class DiskActions {

    private static final Set<String> SNAPSHOT_STATUSES = Set.of("progressing", "accomplished", "failed", "all");

    private final SimState state;

    DiskActions(SimState state) {
        this.state = state;
    }

    Map<String, Object> describeDisks(Params p) {
        String region = p.required("RegionId");
        String instanceId = p.optional("InstanceId");
        List<String> diskIds = p.jsonArray("DiskIds", 100);
        String diskType = p.optional("DiskType", "all");
        int pageNumber = p.integer("PageNumber", 1, 1, Integer.MAX_VALUE);
        int pageSize = p.integer("PageSize", 10, 1, 100);
        List<Map<String, Object>> disks = new ArrayList<>();
        for (SimInstance inst : state.instances()) {
            if (!region.equals(inst.spec.regionId()) || instanceId != null && !instanceId.equals(inst.id())) {
                continue;
            }
            char device = 'a';
            for (Fleet.Disk d : inst.spec.disks()) {
                String dev = "/dev/xvd" + device++;
                if (diskIds != null && !diskIds.contains(d.diskId()) || !"all".equals(diskType) && !diskType.equals(d.type())) {
                    continue;
                }
                disks.add(disk(inst, d, dev));
            }
        }
        Map<String, Object> body = Responses.page(disks.size(), pageNumber, pageSize);
        body.put("Disks", Responses.wrap("Disk", Responses.slice(disks, pageNumber, pageSize)));
        return body;
    }

    private static Map<String, Object> disk(SimInstance inst, Fleet.Disk d, String device) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("DiskId", d.diskId());
        m.put("DiskName", inst.spec.instanceName() + "-" + d.type());
        m.put("Description", "");
        m.put("RegionId", inst.spec.regionId());
        m.put("ZoneId", inst.spec.regionId() + "-h");
        m.put("InstanceId", inst.id());
        m.put("Type", d.type());
        m.put("Category", d.category());
        m.put("PerformanceLevel", "PL0");
        m.put("Size", d.sizeGiB());
        m.put("Status", "In_use");
        m.put("Device", device);
        m.put("Portable", !d.isSystem());
        m.put("DeleteWithInstance", d.isSystem());
        m.put("Encrypted", false);
        m.put("DiskChargeType", "PostPaid");
        m.put("CreationTime", Times.seconds(inst.createdAt));
        m.put("AttachedTime", Times.seconds(inst.createdAt));
        m.put("SourceSnapshotId", "");
        m.put("Attachments", Responses.wrap("Attachment",
                List.of(Map.of("InstanceId", inst.id(), "Device", device, "AttachedTime", Times.seconds(inst.createdAt)))));
        m.put("OperationLocks", Responses.wrap("OperationLock", List.of()));
        m.put("Tags", Responses.wrap("Tag", List.of()));
        return m;
    }

    Map<String, Object> createSnapshot(Params p) {
        String diskId = p.required("DiskId");
        SimInstance inst = state.diskOwner(diskId, null);
        Fleet.Disk disk = SimState.disk(inst, diskId);
        String name = p.optional("SnapshotName");
        if (name != null && (name.length() < 2 || name.length() > 128 || name.startsWith("auto") || name.startsWith("http"))) {
            throw new EcsException(400, "InvalidSnapshotName.Malformed", "The specified snapshot name is wrongly formed.");
        }
        Snapshot s = state.createSnapshot(inst, disk, name, p.optional("Description"), p.optional("ClientToken"));
        Map<String, Object> body = Responses.ok();
        body.put("SnapshotId", s.id);
        return body;
    }

    Map<String, Object> describeSnapshots(Params p) {
        String region = p.required("RegionId");
        String instanceId = p.optional("InstanceId");
        String diskId = p.optional("DiskId");
        List<String> ids = p.jsonArray("SnapshotIds", 100);
        String name = p.optional("SnapshotName");
        String status = p.optional("Status", "all");
        if (!SNAPSHOT_STATUSES.contains(status)) {
            throw EcsException.invalid("Status", "Valid values: " + SNAPSHOT_STATUSES + ".");
        }
        int pageNumber = p.integer("PageNumber", 1, 1, Integer.MAX_VALUE);
        int pageSize = p.integer("PageSize", 10, 1, 100);
        Instant now = state.now();
        List<Map<String, Object>> found = new ArrayList<>();
        for (Snapshot s : state.snapshots()) {
            if (!region.equals(s.regionId) || instanceId != null && !instanceId.equals(s.instanceId)
                    || diskId != null && !diskId.equals(s.diskId) || ids != null && !ids.contains(s.id)
                    || name != null && !name.equals(s.name) || !"all".equals(status) && !status.equals(s.status(now))) {
                continue;
            }
            found.add(snapshot(s, now));
        }
        Map<String, Object> body = Responses.page(found.size(), pageNumber, pageSize);
        body.put("Snapshots", Responses.wrap("Snapshot", Responses.slice(found, pageNumber, pageSize)));
        return body;
    }

    private static Map<String, Object> snapshot(Snapshot s, Instant now) {
        String status = s.status(now);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("SnapshotId", s.id);
        m.put("SnapshotName", s.name);
        m.put("Description", s.description == null ? "" : s.description);
        m.put("RegionId", s.regionId);
        m.put("SourceDiskId", s.diskId);
        m.put("SourceDiskSize", String.valueOf(s.sizeGiB));
        m.put("SourceDiskType", s.systemDisk ? "System" : "Data");
        m.put("SourceStorageType", "disk");
        m.put("Status", status);
        m.put("Progress", s.progress(now) + "%");
        m.put("RemainTime", s.remainingSeconds(now));
        m.put("CreationTime", Times.seconds(s.created));
        m.put("LastModifiedTime", Times.seconds(s.created));
        m.put("Available", "accomplished".equals(status));
        m.put("Category", "standard");
        m.put("SnapshotType", "user");
        m.put("Usage", "none");
        m.put("Encrypted", false);
        m.put("InstantAccess", false);
        m.put("RetentionDays", 0);
        m.put("Tags", Responses.wrap("Tag", List.of()));
        return m;
    }

    Map<String, Object> deleteSnapshot(Params p) {
        state.deleteSnapshot(p.required("SnapshotId"));
        return Responses.ok();
    }

    Map<String, Object> resetDisk(Params p) {
        String diskId = p.required("DiskId");
        String snapshotId = p.required("SnapshotId");
        SimInstance inst = state.diskOwner(diskId, null);
        Fleet.Disk disk = SimState.disk(inst, diskId);
        state.resetDisk(inst, disk, state.snapshot(snapshotId));
        return Responses.ok();
    }
}
