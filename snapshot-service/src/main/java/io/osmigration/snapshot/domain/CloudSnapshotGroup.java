package io.osmigration.snapshot.domain;

import java.util.List;

/**
 * A snapshot-consistent group as DescribeSnapshotGroups describes it: one snapshot of each disk it took, all of one
 * point in time.
 *
 * @param status progressing, accomplished or failed
 */
public record CloudSnapshotGroup(String groupId, String name, String instanceId, String status, List<Member> members) {

    public CloudSnapshotGroup {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** @param diskType system or data */
    public record Member(String snapshotId, String diskId, String diskType) {
    }
}
