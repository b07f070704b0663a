package io.osmigration.snapshot.jobs;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Component;

import io.osmigration.events.DisksRolledBack;
import io.osmigration.events.EventHeader;
import io.osmigration.events.SnapshotCreationFailed;
import io.osmigration.events.SnapshotInfo;
import io.osmigration.events.SnapshotReleased;
import io.osmigration.events.SnapshotsCreated;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.platform.outbox.OutboxMessage;
import io.osmigration.snapshot.SnapshotServiceApplication;
import io.osmigration.snapshot.domain.CostModel;
import io.osmigration.snapshot.domain.DiskSnapshot;
import io.osmigration.snapshot.domain.JobSnapshots;
import io.osmigration.snapshot.domain.ReleaseReason;

/**
 * Maps job facts to catalog events, ready for the outbox. Event ids derive from (event type, job), so a fact
 * written twice (a worker retrying after a lost write) is dropped by consumers as a duplicate.
 */
@Component
public class JobEvents {

    private final Clock clock;

    JobEvents(Clock clock) {
        this.clock = clock;
    }

    OutboxMessage snapshotsCreated(JobSnapshots job) {
        SnapshotsCreated event = SnapshotsCreated.newBuilder()
                .setHeader(header("SnapshotsCreated", job, job.precheckEventId()))
                .setSourceId(job.sourceId())
                .setInstanceId(job.instanceId())
                .setRegionId(job.regionId())
                .setSnapshots(infos(job.disks()))
                .setEstimatedDailyCost(job.totalDailyCost())
                .build();
        return OutboxMessage.of(job.sourceId(), event);
    }

    OutboxMessage creationFailed(JobSnapshots job) {
        SnapshotCreationFailed event = SnapshotCreationFailed.newBuilder()
                .setHeader(header("SnapshotCreationFailed", job, job.precheckEventId()))
                .setSourceId(job.sourceId())
                .setInstanceId(job.instanceId())
                .setRegionId(job.regionId())
                .setReason(job.failureReason() == null ? "snapshot creation failed" : job.failureReason())
                .setSnapshots(infos(job.disks()))
                .build();
        return OutboxMessage.of(job.sourceId(), event);
    }

    OutboxMessage released(JobSnapshots job, List<DiskSnapshot> deleted, ReleaseReason reason, String causationId) {
        SnapshotReleased event = SnapshotReleased.newBuilder()
                .setHeader(header("SnapshotReleased", job, causationId))
                .setSourceId(job.sourceId())
                .setInstanceId(job.instanceId())
                .setRegionId(job.regionId())
                .setSnapshots(infos(deleted))
                .setReason(reason.name())
                .setSavedDailyCost(CostModel.round(deleted.stream()
                        .mapToDouble(DiskSnapshot::estimatedDailyCost).sum()))
                .build();
        return OutboxMessage.of(job.sourceId(), event);
    }

    OutboxMessage rolledBack(JobSnapshots job) {
        DisksRolledBack event = DisksRolledBack.newBuilder()
                .setHeader(header("DisksRolledBack", job, job.rollback().causationId()))
                .setSourceId(job.sourceId())
                .setInstanceId(job.instanceId())
                .setRegionId(job.regionId())
                .setSnapshots(infos(job.disks()))
                .setRestoredOs(job.rollback().restoredOs())
                .build();
        return OutboxMessage.of(job.sourceId(), event);
    }

    private EventHeader header(String type, JobSnapshots job, String causationId) {
        return EventHeaders.deterministic(SnapshotServiceApplication.SERVICE_NAME, type + ":" + job.jobId(),
                job.batchId(), job.jobId(), causationId, clock);
    }

    static List<SnapshotInfo> infos(List<DiskSnapshot> disks) {
        return disks.stream().map(JobEvents::info).toList();
    }

    static SnapshotInfo info(DiskSnapshot disk) {
        return SnapshotInfo.newBuilder()
                .setSnapshotId(disk.snapshotId() == null ? "" : disk.snapshotId())
                .setSnapshotName(disk.snapshotName())
                .setDiskId(disk.diskId())
                .setDiskType(disk.diskType() == null ? "system" : disk.diskType())
                .setSizeGiB(disk.sizeGiB())
                .setEstimatedDailyCost(disk.estimatedDailyCost())
                .build();
    }
}
