package io.osmigration.notification.intake;

import java.util.List;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;

import io.osmigration.events.DisksRolledBack;
import io.osmigration.events.DrillCompleted;
import io.osmigration.events.EventHeader;
import io.osmigration.events.MigrationCompleted;
import io.osmigration.events.MigrationFailed;
import io.osmigration.events.PrecheckFailed;
import io.osmigration.events.SnapshotCreationFailed;
import io.osmigration.events.SnapshotInfo;
import io.osmigration.events.SnapshotReleased;
import io.osmigration.events.SnapshotsCreated;
import io.osmigration.notification.domain.EventType;
import io.osmigration.notification.domain.Finding;
import io.osmigration.notification.domain.JobEvent;
import io.osmigration.notification.domain.JobOutcome;
import io.osmigration.notification.domain.Snapshot;

/** Avro catalog events → {@link JobEvent}. Events this service does not care about map to empty. */
final class EventMapping {

    private EventMapping() {
    }

    static Optional<JobEvent> toJobEvent(SpecificRecord event) {
        if (event instanceof PrecheckFailed e) {
            return Optional.of(job(e.getHeader(), EventType.PRECHECK_FAILED, e.getSourceId(), e.getInstanceId(),
                    e.getDestinationOs(), JobOutcome.PRECHECK_FAILED, null, null, findings(e.getFindings()),
                    List.of(), 0));
        }
        if (event instanceof DrillCompleted e) {
            return Optional.of(job(e.getHeader(), EventType.DRILL_COMPLETED, e.getSourceId(), e.getInstanceId(),
                    e.getDestinationOs(), e.getCritical() ? JobOutcome.DRILL_CRITICAL : JobOutcome.DRILL_PASSED,
                    null, null, findings(e.getItems()), List.of(), 0));
        }
        if (event instanceof MigrationCompleted e) {
            return Optional.of(job(e.getHeader(), EventType.MIGRATION_COMPLETED, e.getSourceId(), e.getInstanceId(),
                    e.getDestinationOs(), JobOutcome.COMPLETED, null, null, List.of(), List.of(), 0));
        }
        if (event instanceof MigrationFailed e) {
            return Optional.of(job(e.getHeader(), EventType.MIGRATION_FAILED, e.getSourceId(), e.getInstanceId(),
                    e.getDestinationOs(), e.getRollbackRequired() ? JobOutcome.FAILED_ROLLING_BACK : JobOutcome.FAILED,
                    e.getStep(), e.getReason(), List.of(), List.of(), 0));
        }
        if (event instanceof DisksRolledBack e) {
            List<Snapshot> snapshots = snapshots(e.getSnapshots());
            return Optional.of(job(e.getHeader(), EventType.DISKS_ROLLED_BACK, e.getSourceId(), e.getInstanceId(),
                    null, JobOutcome.ROLLED_BACK, null,
                    e.getRestoredOs() == null ? null : "restored " + e.getRestoredOs(), List.of(), snapshots,
                    cost(snapshots)));
        }
        if (event instanceof SnapshotCreationFailed e) {
            return Optional.of(job(e.getHeader(), EventType.SNAPSHOT_CREATION_FAILED, e.getSourceId(),
                    e.getInstanceId(), null, JobOutcome.FAILED, null, e.getReason(), List.of(), List.of(), 0));
        }
        if (event instanceof SnapshotReleased e) {
            List<Snapshot> snapshots = snapshots(e.getSnapshots());
            return Optional.of(job(e.getHeader(), EventType.SNAPSHOT_RELEASED, e.getSourceId(), e.getInstanceId(),
                    null, JobOutcome.SNAPSHOTS_RELEASED, null, "released (" + e.getReason() + "), saves "
                            + String.format(java.util.Locale.ROOT, "%.2f", e.getSavedDailyCost()) + " per day",
                    List.of(), snapshots, e.getSavedDailyCost()));
        }
        if (event instanceof SnapshotsCreated e) {
            // Tracked (for digests and reminders), never a message of its own: type null.
            return Optional.of(job(e.getHeader(), null, e.getSourceId(), e.getInstanceId(), null, null, null, null,
                    List.of(), snapshots(e.getSnapshots()), e.getEstimatedDailyCost()));
        }
        return Optional.empty();
    }

    private static JobEvent job(EventHeader header, EventType type, String sourceId, String instanceId,
                                String destinationOs, JobOutcome outcome, String step, String reason,
                                List<Finding> findings, List<Snapshot> snapshots, double dailyCost) {
        return new JobEvent(header.getEventId(), type, header.getOccurredAt(), header.getBatchId(),
                header.getJobId(), sourceId, instanceId, destinationOs, outcome, step, reason, findings, snapshots,
                dailyCost);
    }

    private static List<Finding> findings(List<io.osmigration.events.Finding> findings) {
        return findings.stream().map(f -> new Finding(f.getCode(), f.getSeverity(), f.getTitle(), f.getDetail(),
                f.getRemediationHint(), f.getRemediationCommand())).toList();
    }

    private static List<Snapshot> snapshots(List<SnapshotInfo> snapshots) {
        return snapshots.stream().map(s -> new Snapshot(s.getSnapshotId(), s.getSnapshotName(), s.getDiskId(),
                s.getSizeGiB(), s.getEstimatedDailyCost())).toList();
    }

    private static double cost(List<Snapshot> snapshots) {
        return snapshots.stream().mapToDouble(Snapshot::dailyCost).sum();
    }
}
