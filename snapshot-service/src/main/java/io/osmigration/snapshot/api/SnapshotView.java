package io.osmigration.snapshot.api;

import java.time.Instant;
import java.util.List;

import io.osmigration.snapshot.domain.CostModel;
import io.osmigration.snapshot.domain.DiskSnapshot;
import io.osmigration.snapshot.domain.JobSnapshots;

/** One backup snapshot as the API shows it (contract: snapshot-service). */
public record SnapshotView(String snapshotId, String snapshotName, String diskId, String diskType, String instanceId,
                           String jobId, String status, int sizeGiB, double estimatedDailyCost, String currency,
                           Instant createdAt, Instant releasedAt) {

    /** Disks whose CreateSnapshot has not answered yet have no snapshot to show. */
    static List<SnapshotView> of(JobSnapshots job, CostModel cost) {
        return job.disks().stream().filter(d -> d.snapshotId() != null).map(d -> of(job, d, cost)).toList();
    }

    static SnapshotView of(JobSnapshots job, DiskSnapshot disk, CostModel cost) {
        return new SnapshotView(disk.snapshotId(), disk.snapshotName(), disk.diskId(), disk.diskType(),
                job.instanceId(), job.jobId(), disk.status().name(), disk.sizeGiB(), disk.estimatedDailyCost(),
                cost.currency(), disk.createdAt(), disk.releasedAt());
    }
}
