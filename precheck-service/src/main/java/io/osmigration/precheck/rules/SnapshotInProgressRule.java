package io.osmigration.precheck.rules;

import java.util.List;

/** SNAPSHOT_IN_PROGRESS: the migration's backup snapshots cannot start while another snapshot is being created. */
public final class SnapshotInProgressRule implements Rule {

    @Override
    public List<Finding> evaluate(CheckSubject subject) {
        CheckSubject.SnapshotState snapshots = subject.snapshots();
        if (!snapshots.inProgress().isEmpty()) {
            return List.of(new Finding(FindingCodes.SNAPSHOT_IN_PROGRESS, Severity.CRITICAL,
                    "A snapshot is being created on the instance",
                    "In progress: " + String.join(", ", snapshots.inProgress()) + ".",
                    "Wait until the snapshots are finished, then check again.",
                    "aliyun ecs DescribeSnapshots --InstanceId " + subject.instanceId() + " --Status progressing"));
        }
        if (snapshots.unknownReason() != null) {
            return List.of(new Finding(FindingCodes.SNAPSHOT_IN_PROGRESS, Severity.WARNING,
                    "Could not tell whether a snapshot is being created",
                    "Listing the instance's snapshots failed: " + snapshots.unknownReason() + ".",
                    "Make sure no snapshot of the instance's disks is in progress before the migration starts.", null));
        }
        return List.of();
    }
}
