package io.osmigration.snapshot.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.osmigration.platform.cloud.CloudApiException;
import io.osmigration.snapshot.SnapshotProperties;
import io.osmigration.snapshot.domain.CloudSnapshot;
import io.osmigration.snapshot.domain.DiskInfo;
import io.osmigration.snapshot.domain.DiskSnapshot;
import io.osmigration.snapshot.domain.JobSnapshots;
import io.osmigration.snapshot.domain.ReleaseReason;
import io.osmigration.snapshot.domain.RollbackStep;
import io.osmigration.snapshot.domain.SnapshotCloud;
import io.osmigration.snapshot.domain.SnapshotNaming;
import io.osmigration.snapshot.domain.SnapshotStatus;
import io.osmigration.snapshot.domain.Stage;

/**
 * Moves a job one step further by talking to the cloud: never waits for the cloud, it looks again later. Every
 * step can be repeated after a crash (ClientTokens, deletes that tolerate "not found", deterministic event ids).
 */
@Component
class SnapshotWorkflow {

    private static final Logger log = LoggerFactory.getLogger(SnapshotWorkflow.class);

    private final SnapshotCloud cloud;
    private final JobEvents events;
    private final SnapshotProperties properties;

    SnapshotWorkflow(SnapshotCloud cloud, JobEvents events, SnapshotProperties properties) {
        this.cloud = cloud;
        this.events = events;
        this.properties = properties;
    }

    JobSnapshotsStore.Change advance(JobSnapshots job, Instant now) {
        try {
            return switch (job.stage()) {
                case DISCOVERING -> discover(job, now);
                case CREATING -> create(job, now);
                case CLEANING_UP -> cleanUp(job, now);
                case AVAILABLE, ROLLED_BACK -> job.releaseDue(now)
                        ? JobSnapshotsStore.Change.of(job.releasing(now))
                        : JobSnapshotsStore.Change.of(job.waitUntil(job.release() == null ? null : job.release().dueAt(), now));
                case RELEASING -> release(job, now);
                case ROLLING_BACK -> rollBack(job, now);
                case FAILED, RELEASED -> JobSnapshotsStore.Change.of(job.waitUntil(null, now));
            };
        } catch (CloudApiException e) {
            return failed(job, e, now);
        }
    }

    private JobSnapshotsStore.Change discover(JobSnapshots job, Instant now) {
        List<DiskInfo> disks = cloud.describeDisks(job.regionId(), job.instanceId());
        if (disks.isEmpty()) {
            return JobSnapshotsStore.Change.of(job.cleanUp("instance " + job.instanceId() + " has no disks", now));
        }
        return JobSnapshotsStore.Change.of(job.withDisks(disks, properties.costModel(), now));
    }

    private JobSnapshotsStore.Change create(JobSnapshots job, Instant now) {
        if (now.isAfter(job.creationDeadline())) {
            return JobSnapshotsStore.Change.of(job.cleanUp("snapshots were not accomplished within "
                    + properties.creationTimeout(), now));
        }
        JobSnapshots current = job;
        for (DiskSnapshot disk : job.disks()) {
            if (disk.snapshotId() == null) {
                String id = cloud.createSnapshot(job.regionId(), disk.diskId(), disk.snapshotName(),
                        disk.clientToken());
                current = current.withSnapshotId(disk.diskId(), id, now);
            }
        }
        List<String> ids = current.disks().stream().map(DiskSnapshot::snapshotId).toList();
        current = current.observed(cloud.describeSnapshots(job.regionId(), ids), now);
        Optional<DiskSnapshot> failed = current.firstFailed();
        if (failed.isPresent()) {
            return JobSnapshotsStore.Change.of(current.cleanUp("snapshot " + failed.get().snapshotId() + " of disk "
                    + failed.get().diskId() + " failed", now));
        }
        if (current.allAvailable()) {
            JobSnapshots available = current.available(now);
            return new JobSnapshotsStore.Change(available, List.of(events.snapshotsCreated(available)));
        }
        return JobSnapshotsStore.Change.of(current.waitUntil(now.plus(properties.pollInterval()), now));
    }

    /** Deletes everything this job created, including snapshots a crash kept us from recording. */
    private JobSnapshotsStore.Change cleanUp(JobSnapshots job, Instant now) {
        for (DiskSnapshot disk : job.disks()) {
            if (disk.snapshotId() != null) {
                cloud.deleteSnapshot(job.regionId(), disk.snapshotId());
            }
        }
        if (job.instanceId() != null) {
            for (CloudSnapshot left : leftovers(job)) {
                cloud.deleteSnapshot(job.regionId(), left.snapshotId());
            }
        }
        JobSnapshots failed = job.creationFailed(now);
        log.info("Snapshots of job {} failed: {}; partial snapshots deleted", job.jobId(), job.failureReason());
        return new JobSnapshotsStore.Change(failed, List.of(events.creationFailed(failed)));
    }

    private List<CloudSnapshot> leftovers(JobSnapshots job) {
        try {
            return cloud.findSnapshots(job.regionId(), job.instanceId(), SnapshotNaming.jobPrefix(job.jobId()));
        } catch (CloudApiException e) {
            if (e.isNotFound()) {
                return List.of(); // the instance is gone, and its snapshots cannot be listed by it
            }
            throw e;
        }
    }

    private JobSnapshotsStore.Change release(JobSnapshots job, Instant now) {
        List<DiskSnapshot> deleted = new ArrayList<>();
        JobSnapshots current = job;
        for (DiskSnapshot disk : job.existingSnapshots()) {
            cloud.deleteSnapshot(job.regionId(), disk.snapshotId());
            current = current.snapshotDeleted(disk.diskId(), SnapshotStatus.RELEASED, now);
            deleted.add(disk);
        }
        ReleaseReason reason = job.release() == null ? ReleaseReason.OPERATOR : job.release().reason();
        String causation = job.release() == null ? null : job.release().causationId();
        JobSnapshots released = current.released(now);
        log.info("Released {} snapshots of job {} ({})", deleted.size(), job.jobId(), reason);
        return new JobSnapshotsStore.Change(released,
                List.of(events.released(released, deleted, reason, causation)));
    }

    private JobSnapshotsStore.Change rollBack(JobSnapshots job, Instant now) {
        Instant later = now.plus(properties.pollInterval());
        RollbackStep step = job.rollback().step();
        if (step == RollbackStep.STOP) {
            SnapshotCloud.InstanceState state = cloud.describeInstance(job.regionId(), job.instanceId());
            if ("Stopped".equals(state.status())) {
                return JobSnapshotsStore.Change.of(job.rollbackAt(RollbackStep.RESET, now, now));
            }
            if ("Running".equals(state.status())) {
                cloud.stopInstance(job.regionId(), job.instanceId());
            }
            return JobSnapshotsStore.Change.of(job.waitUntil(later, now));
        }
        if (step == RollbackStep.RESET) {
            for (DiskSnapshot disk : job.disks()) {
                cloud.resetDisk(job.regionId(), disk.diskId(), disk.snapshotId());
            }
            return JobSnapshotsStore.Change.of(job.rollbackAt(RollbackStep.START, now, now));
        }
        SnapshotCloud.InstanceState state = cloud.describeInstance(job.regionId(), job.instanceId());
        if ("Running".equals(state.status())) {
            JobSnapshots rolledBack = job.rolledBack(state.osName(), now);
            log.info("Job {}: disks of {} reset to their snapshots, instance runs {}", job.jobId(),
                    job.instanceId(), state.osName());
            return new JobSnapshotsStore.Change(rolledBack, List.of(events.rolledBack(rolledBack)));
        }
        if ("Stopped".equals(state.status())) {
            cloud.startInstance(job.regionId(), job.instanceId());
        }
        return JobSnapshotsStore.Change.of(job.waitUntil(later, now));
    }

    /**
     * A cloud call failed. While creating, an answer that cannot change by retrying (an unknown disk, a quota) ends
     * the creation; everything else is retried later, because leaving snapshots or a half rolled back instance
     * behind is worse than trying again.
     */
    private JobSnapshotsStore.Change failed(JobSnapshots job, CloudApiException e, Instant now) {
        boolean creating = job.stage() == Stage.DISCOVERING || job.stage() == Stage.CREATING;
        if (creating && !e.isRetryable()) {
            return JobSnapshotsStore.Change.of(job.cleanUp(e.getMessage(), now));
        }
        log.warn("Job {} ({}): {}; will retry", job.jobId(), job.stage(), e.getMessage());
        return JobSnapshotsStore.Change.of(job.retryLater(e.getMessage(), now.plus(properties.errorBackoff()), now));
    }
}
