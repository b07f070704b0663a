package io.osmigration.simulator;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot-consistent group (API reference, CreateSnapshotGroup / DescribeSnapshotGroups): the snapshots of several
 * disks taken at one point in time. Its members are ordinary snapshots (DescribeSnapshots lists them, ResetDisk takes
 * them); its status follows theirs.
 *
 * @param request what CreateSnapshotGroup was asked, for ClientToken idempotency
 */
record SnapshotGroup(String id, String name, String description, String regionId, String instanceId, Instant created,
                     List<String> snapshotIds, String request) {

    /**
     * DescribeSnapshotGroups' Status: "progressing: the snapshot-consistent group is being created; accomplished: …
     * created; failed: … fails to be created". A group is as far as its least advanced member.
     */
    static String status(List<Snapshot> members, Instant now) {
        if (members.stream().anyMatch(s -> "failed".equals(s.status(now)))) {
            return "failed";
        }
        return members.stream().allMatch(s -> "accomplished".equals(s.status(now))) ? "accomplished" : "progressing";
    }
}
