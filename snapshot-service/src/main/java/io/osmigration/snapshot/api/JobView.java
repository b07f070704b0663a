package io.osmigration.snapshot.api;

import java.time.Instant;
import java.util.List;

import io.osmigration.snapshot.domain.CostModel;
import io.osmigration.snapshot.domain.JobSnapshots;

/**
 * A job's backup as a whole, for operators: where it stands, what went wrong, when it will be released and what its
 * snapshots cost per day while they exist.
 *
 * @param snapshotGroupId the snapshot-consistent group that holds the disks' snapshots (null: one snapshot per disk)
 * @param groupRefusal    why the cloud would not take the disks in one group, so each got a snapshot of its own
 */
public record JobView(String jobId, String batchId, String sourceId, String instanceId, String stage,
                      String failureReason, String lastError, String releaseReason, Instant releaseDueAt,
                      String rollbackStep, String restoredOs, double estimatedDailyCost, String currency,
                      String snapshotGroupId, String groupRefusal, List<SnapshotView> snapshots) {

    static JobView of(JobSnapshots job, CostModel cost) {
        return new JobView(job.jobId(), job.batchId(), job.sourceId(), job.instanceId(), job.stage().name(),
                job.failureReason(), job.lastError(),
                job.release() == null ? null : job.release().reason().name(),
                job.release() == null ? null : job.release().dueAt(),
                job.rollback() == null ? null : job.rollback().step().name(),
                job.rollback() == null ? null : job.rollback().restoredOs(),
                job.stage().ownsSnapshots() ? job.totalDailyCost() : 0.0, cost.currency(),
                job.snapshotGroupId(), job.groupRefusal(), SnapshotView.of(job, cost));
    }
}
