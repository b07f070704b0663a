package io.osmigration.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CreateSnapshotGroup and DescribeSnapshotGroups, as their pages in the ECS API reference (2014-05-26) describe them.
 * Where the reference states a limit but not the error code it answers with, the simulator answers the code of the
 * same kind ECS uses elsewhere and says so next to it: callers must not depend on those codes.
 */
final class SnapshotGroupActions {

    /** CreateSnapshotGroup: "A snapshot-consistent group can contain snapshots of up to 16 disks". */
    static final int MAX_DISKS = 16;
    /** CreateSnapshotGroup: "… and cannot exceed 32 TiB in size". */
    static final long MAX_TOTAL_GIB = 32L * 1024;
    /** DescribeSnapshotGroups: "SnapshotGroupId.N … Valid values of N: 1 to 10". */
    static final int MAX_GROUP_IDS = 10;
    /** DescribeSnapshotGroups: "Status.N … Valid values of N: 1 to 3". */
    private static final Set<String> STATUSES = Set.of("progressing", "accomplished", "failed");
    /**
     * CreateSnapshotGroup: Name "must be 2 to 128 characters in length … can contain letters, digits, periods (.),
     * underscores (_), hyphens (-), and colons (:). It must start with a letter and cannot start with http:// or
     * https://".
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._:-]{1,127}");

    private final SimState state;

    SnapshotGroupActions(SimState state) {
        this.state = state;
    }

    Map<String, Object> createSnapshotGroup(Params p) {
        String region = p.required("RegionId");
        String instanceId = p.optional("InstanceId");
        List<String> diskIds = p.repeated("DiskId", MAX_DISKS);
        List<String> excluded = p.repeated("ExcludeDiskId", MAX_DISKS);
        // "You cannot specify both DiskId.N and ExcludeDiskId.N in the same request."
        if (!diskIds.isEmpty() && !excluded.isEmpty()) {
            throw EcsException.invalid("ExcludeDiskId.N", "DiskId.N and ExcludeDiskId.N cannot be specified together.");
        }
        if (instanceId == null && diskIds.isEmpty()) {
            throw EcsException.missing("InstanceId");
        }
        String name = p.optional("Name");
        if (name != null && (!NAME.matcher(name).matches() || name.startsWith("http"))) {
            throw EcsException.invalid("Name", "It must be 2 to 128 characters, start with a letter and contain only"
                    + " letters, digits, '.', '_', '-' and ':'.");
        }
        String description = p.optional("Description");
        // "The description must be 2 to 256 characters in length and cannot start with http:// or https://."
        if (description != null && (description.length() < 2 || description.length() > 256
                || description.startsWith("http://") || description.startsWith("https://"))) {
            throw EcsException.invalid("Description", "It must be 2 to 256 characters and not start with http(s)://.");
        }
        String token = p.optional("ClientToken");
        // ClientToken: "The token can contain only ASCII characters and cannot exceed 64 characters in length."
        if (token != null && (token.length() > 64 || !token.chars().allMatch(c -> c < 128))) {
            throw EcsException.invalid("ClientToken", "At most 64 ASCII characters are allowed.");
        }
        String request = String.join("|", region, String.valueOf(instanceId), String.join(",", diskIds),
                String.join(",", excluded), String.valueOf(name), String.valueOf(description));
        SnapshotGroup group = state.createSnapshotGroup(new SimState.GroupRequest(region, instanceId, diskIds,
                excluded, name, description, token, request));
        Map<String, Object> body = Responses.ok();
        body.put("SnapshotGroupId", group.id());
        return body;
    }

    Map<String, Object> describeSnapshotGroups(Params p) {
        String region = p.required("RegionId");
        String instanceId = p.optional("InstanceId");
        String name = p.optional("Name");
        List<String> ids = p.repeated("SnapshotGroupId", MAX_GROUP_IDS);
        List<String> statuses = p.repeated("Status", STATUSES.size());
        for (String status : statuses) {
            if (!STATUSES.contains(status)) {
                throw EcsException.invalid("Status.N", "Valid values: " + STATUSES + ".");
            }
        }
        // MaxResults: "Valid values: 1 to 100. Default value: 10."
        int maxResults = p.integer("MaxResults", 10, 1, 100);
        int offset = offset(p.optional("NextToken"));
        Instant now = state.now();
        List<Map<String, Object>> found = new ArrayList<>();
        // "Specified parameters have logical AND relations. Only the specified parameters are included in the filter
        // conditions."
        for (SimState.GroupView view : state.snapshotGroups()) {
            SnapshotGroup g = view.group();
            String status = SnapshotGroup.status(view.members(), now);
            if (!region.equals(g.regionId()) || instanceId != null && !instanceId.equals(g.instanceId())
                    || name != null && !name.equals(g.name()) || !ids.isEmpty() && !ids.contains(g.id())
                    || !statuses.isEmpty() && !statuses.contains(status)) {
                continue;
            }
            found.add(group(g, view.members(), status, now));
        }
        Map<String, Object> body = Responses.ok();
        int end = Math.min(found.size(), offset + maxResults);
        // NextToken: "If this parameter is empty, no more data is returned."
        body.put("NextToken", end < found.size() ? token(end) : "");
        body.put("SnapshotGroups", Responses.wrap("SnapshotGroup",
                offset >= found.size() ? List.of() : found.subList(offset, end)));
        return body;
    }

    private static Map<String, Object> group(SnapshotGroup g, List<Snapshot> members, String status, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("SnapshotGroupId", g.id());
        m.put("Name", g.name() == null ? "" : g.name());
        m.put("Description", g.description() == null ? "" : g.description());
        m.put("InstanceId", g.instanceId() == null ? "" : g.instanceId());
        m.put("Status", status);
        m.put("CreationTime", Times.seconds(g.created()));
        m.put("ResourceGroupId", "");
        m.put("Tags", Responses.wrap("Tag", List.of()));
        List<Map<String, Object>> snapshots = new ArrayList<>();
        for (Snapshot s : members) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("SnapshotId", s.id);
            item.put("SourceDiskId", s.diskId);
            item.put("SourceDiskType", s.systemDisk ? "System" : "Data");
            item.put("Progress", s.progress(now) + "%");
            item.put("Available", "accomplished".equals(s.status(now)));
            item.put("InstantAccess", false);
            item.put("InstantAccessRetentionDays", 0);
            item.put("Tags", Responses.wrap("Tag", List.of()));
            snapshots.add(item);
        }
        m.put("Snapshots", Responses.wrap("Snapshot", snapshots));
        return m;
    }

    // NextToken is opaque to callers ("the token that is obtained from the previous query"); here it encodes where
    // the next page starts.
    private static String token(int offset) {
        return HexFormat.of().formatHex(("osm-sim-page:" + offset).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static int offset(String token) {
        if (token == null) {
            return 0;
        }
        try {
            String decoded = new String(HexFormat.of().parseHex(token), java.nio.charset.StandardCharsets.US_ASCII);
            if (decoded.startsWith("osm-sim-page:")) {
                return Integer.parseInt(decoded.substring("osm-sim-page:".length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new EcsException(400, "InvalidParameter.NextToken", "The specified parameter NextToken is not valid.");
    }
}
