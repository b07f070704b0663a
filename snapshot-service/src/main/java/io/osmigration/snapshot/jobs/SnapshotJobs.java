package io.osmigration.snapshot.jobs;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.osmigration.platform.outbox.OutboxRelay;
import io.osmigration.platform.web.ApiException;
import io.osmigration.snapshot.SnapshotProperties;
import io.osmigration.snapshot.domain.JobSnapshots;
import io.osmigration.snapshot.domain.MigrationOutcome;
import io.osmigration.snapshot.domain.Release;
import io.osmigration.snapshot.domain.ReleaseReason;
import io.osmigration.snapshot.domain.Stage;

/**
 * What the outside asks of job backups (events, operators). Only records the request; the {@link SnapshotWorker}
 * does the cloud work.
 */
@Service
public class SnapshotJobs {

    private static final Logger log = LoggerFactory.getLogger(SnapshotJobs.class);

    private final JobSnapshotsStore store;
    private final JobEvents events;
    private final SnapshotWorker worker;
    private final OutboxRelay outboxRelay;
    private final SnapshotProperties properties;
    private final Clock clock;

    SnapshotJobs(JobSnapshotsStore store, JobEvents events, SnapshotWorker worker, OutboxRelay outboxRelay,
                 SnapshotProperties properties, Clock clock) {
        this.store = store;
        this.events = events;
        this.worker = worker;
        this.outboxRelay = outboxRelay;
        this.properties = properties;
        this.clock = clock;
    }

    /** What a PrecheckPassed carries that matters here. */
    public record BackupRequest(String jobId, String batchId, String sourceId, String instanceId, String regionId,
                                String precheckEventId) {
    }

    /** Stores the job before any cloud call; the same job again is ignored (one snapshot per disk). */
    public void backUp(BackupRequest request) {
        Instant now = clock.instant();
        if (request.instanceId() == null || request.instanceId().isBlank()) {
            JobSnapshots impossible = JobSnapshots.impossible(request.jobId(), request.batchId(), request.sourceId(),
                    null, request.regionId(), request.precheckEventId(),
                    "source " + request.sourceId() + " is no ECS instance: its disks cannot be snapshotted", now);
            if (store.insert(impossible, List.of(events.creationFailed(impossible)))) {
                outboxRelay.wakeUp();
            }
            return;
        }
        String region = request.regionId() == null || request.regionId().isBlank() ? null : request.regionId();
        JobSnapshots job = JobSnapshots.start(request.jobId(), request.batchId(), request.sourceId(),
                request.instanceId(), region, request.precheckEventId(), now, properties.creationTimeout());
        if (store.insert(job, List.of())) {
            worker.wakeUp();
        } else {
            log.info("Job {} already has its backup; PrecheckPassed {} ignored", request.jobId(),
                    request.precheckEventId());
        }
    }

    /** The migration succeeded: release after the retention, at a stored time that survives restarts. */
    public void migrationCompleted(String jobId, String eventId) {
        Instant now = clock.instant();
        Release release = new Release(ReleaseReason.RETENTION, now.plus(properties.retention()), eventId);
        Optional<JobSnapshots> job = store.update(jobId, current -> Optional.of(JobSnapshotsStore.Change.of(
                current.withMigrationOutcome(MigrationOutcome.COMPLETED, now).scheduleRelease(release, now))));
        if (job.isEmpty()) {
            log.info("MigrationCompleted for job {} without backup; nothing to release", jobId);
        }
        worker.wakeUp();
    }

    /** The migration failed and changed the instance: roll its disks back. */
    public void migrationFailed(String jobId, boolean rollbackRequired, String eventId) {
        Instant now = clock.instant();
        if (!rollbackRequired) {
            log.info("Job {} failed without changing the instance; snapshots kept for the operator", jobId);
            store.update(jobId, current -> Optional.of(JobSnapshotsStore.Change.of(
                    current.withMigrationOutcome(MigrationOutcome.FAILED, now))));
            return;
        }
        Optional<JobSnapshots> job = store.update(jobId, current -> Optional.of(JobSnapshotsStore.Change.of(
                current.withMigrationOutcome(MigrationOutcome.FAILED, now).startRollback(eventId, now))));
        if (job.isEmpty()) {
            log.warn("MigrationFailed for job {} without backup: cannot roll back", jobId);
        } else if (job.get().stage() != Stage.ROLLING_BACK && job.get().stage() != Stage.ROLLED_BACK) {
            log.warn("MigrationFailed for job {} in stage {}: no rollback possible", jobId, job.get().stage());
        }
        worker.wakeUp();
    }

    /**
     * A job (or a whole batch) was cancelled: its snapshots have no live job any more and are released after the
     * retention, reported as orphans. A rollback or a completed migration that still follows takes precedence.
     */
    public void cancelled(String batchId, String jobId, String eventId) {
        List<String> jobIds = jobId != null ? List.of(jobId) : store.jobIdsOfBatch(batchId);
        Instant now = clock.instant();
        Release release = new Release(ReleaseReason.ORPHAN, now.plus(properties.retention()), eventId);
        for (String id : jobIds) {
            store.update(id, current -> current.abandonedByCancellation()
                    ? Optional.of(JobSnapshotsStore.Change.of(current.scheduleRelease(release, now)))
                    : Optional.empty());
        }
        worker.wakeUp();
    }

    /** An operator releases a job's snapshots now. */
    public JobSnapshots releaseNow(String jobId) {
        Instant now = clock.instant();
        JobSnapshots job = store.find(jobId).orElseThrow(() -> ApiException.notFound("job " + jobId));
        if (job.stage() == Stage.RELEASED || job.stage() == Stage.FAILED || job.stage() == Stage.RELEASING) {
            return job;
        }
        if (job.stage() != Stage.AVAILABLE && job.stage() != Stage.ROLLED_BACK) {
            throw new ApiException(HttpStatus.CONFLICT, "Snapshots busy",
                    "the snapshots of job " + jobId + " are " + job.stage() + "; release them once that is done");
        }
        Release release = new Release(ReleaseReason.OPERATOR, now, null);
        JobSnapshots updated = store.update(jobId, current -> Optional.of(
                JobSnapshotsStore.Change.of(current.scheduleRelease(release, now)))).orElse(job);
        worker.wakeUp();
        return updated;
    }

    public List<JobSnapshots> find(Optional<String> jobId) {
        return jobId.map(id -> store.find(id).map(List::of).orElse(List.of())).orElseGet(() -> store.findAll(500));
    }
}
