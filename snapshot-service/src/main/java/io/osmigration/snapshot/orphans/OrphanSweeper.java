package io.osmigration.snapshot.orphans;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.osmigration.events.SnapshotInfo;
import io.osmigration.events.SnapshotReleased;
import io.osmigration.platform.cloud.CloudApiException;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.platform.lease.Claim;
import io.osmigration.platform.lease.Claimed;
import io.osmigration.platform.lease.Leases;
import io.osmigration.platform.lease.SharedSchedule;
import io.osmigration.platform.outbox.OutboxMessage;
import io.osmigration.platform.outbox.OutboxRelay;
import io.osmigration.snapshot.SnapshotProperties;
import io.osmigration.snapshot.SnapshotServiceApplication;
import io.osmigration.snapshot.domain.CloudSnapshot;
import io.osmigration.snapshot.domain.CloudSnapshotGroup;
import io.osmigration.snapshot.domain.JobSnapshots;
import io.osmigration.snapshot.domain.OrphanPolicy;
import io.osmigration.snapshot.domain.ReleaseReason;
import io.osmigration.snapshot.domain.SnapshotCloud;
import io.osmigration.snapshot.domain.SnapshotNaming;
import io.osmigration.snapshot.jobs.JobSnapshotsStore;
import io.osmigration.snapshot.jobs.SnapshotWorker;

/**
 * Finds {@code SMC_Backup_Snapshot_} snapshots on the instances this service knows that no live job owns (a job
 * cancelled mid-way, a crash between create and record, a job failed before cleanup) and releases each after the
 * retention, reporting it with SnapshotReleased (reason ORPHAN). Runs on the snapshot worker's thread.
 */
@Component
class OrphanSweeper implements SnapshotWorker.BackgroundTask {

    static final String SWEEP = "orphan-snapshot-sweep";

    private static final Logger log = LoggerFactory.getLogger(OrphanSweeper.class);

    private final MongoTemplate mongo;
    private final JobSnapshotsStore jobs;
    private final SnapshotCloud cloud;
    private final OutboxRelay outboxRelay;
    private final Leases leases;
    private final SharedSchedule schedule;
    private final SnapshotProperties properties;
    private final Clock clock;
    /** When this replica looks for its turn to sweep again (the turn itself is stored, see {@link SharedSchedule}). */
    private volatile Instant lookAgainAt = Instant.MIN;

    OrphanSweeper(MongoTemplate mongo, JobSnapshotsStore jobs, SnapshotCloud cloud, OutboxRelay outboxRelay,
                  Leases leases, SharedSchedule schedule, SnapshotProperties properties, Clock clock) {
        this.mongo = mongo;
        this.jobs = jobs;
        this.cloud = cloud;
        this.outboxRelay = outboxRelay;
        this.leases = leases;
        this.schedule = schedule;
        this.properties = properties;
        this.clock = clock;
        // The release claim: pending orphans that are due and that no live lease holds.
        mongo.indexOps(OrphanSnapshotDocument.COLLECTION).createIndex(new Index().on("status", Sort.Direction.ASC)
                .on("dueAt", Sort.Direction.ASC).on(Leases.FIELD + ".until", Sort.Direction.ASC)
                .named("status_dueAt_lease"));
    }

    /**
     * Sweeps when it is this replica's turn (one sweep per interval across the replicas; the due time is stored, so
     * a service restarted more often than the interval still sweeps), and releases the orphans that are due.
     */
    @Override
    public int runIfDue(Instant now) {
        int found = 0;
        if (!now.isBefore(lookAgainAt)) {
            lookAgainAt = now.plus(lookInterval());
            Optional<Claim> turn = schedule.claimIfDue(SWEEP, properties.lease());
            if (turn.isPresent()) {
                try {
                    found = sweep(now);
                } catch (RuntimeException e) {
                    schedule.release(turn.get());
                    throw e;
                }
                schedule.done(turn.get(), properties.orphanSweepInterval());
            }
        }
        return found + releaseDue(now);
    }

    /** A few looks per interval, at most one every 30 s: the turn moves on soon after a replica stops. */
    private Duration lookInterval() {
        Duration quarter = properties.orphanSweepInterval().dividedBy(4);
        return quarter.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : quarter;
    }

    /** Looks at every known instance once; returns how many new orphans were recorded. */
    int sweep(Instant now) {
        int recorded = 0;
        // The backup groups of a region in one listing for the whole sweep, not one call per instance.
        Map<String, List<CloudSnapshotGroup>> groupsByRegion = new HashMap<>();
        for (JobSnapshotsStore.KnownInstance instance : jobs.knownInstances()) {
            List<CloudSnapshot> backups;
            try {
                List<CloudSnapshotGroup> groups = groupsByRegion.get(String.valueOf(instance.regionId()));
                if (groups == null) {
                    groups = cloud.findSnapshotGroups(instance.regionId(), SnapshotNaming.PREFIX);
                    groupsByRegion.put(String.valueOf(instance.regionId()), groups);
                }
                backups = cloud.findSnapshots(instance.regionId(), instance.instanceId(), SnapshotNaming.PREFIX,
                        groups);
            } catch (CloudApiException e) {
                log.warn("Orphan sweep of {} failed: {}", instance.instanceId(), e.getMessage());
                continue;
            }
            for (CloudSnapshot snapshot : backups) {
                Optional<JobSnapshots> job = SnapshotNaming.jobIdOf(snapshot.snapshotName()).flatMap(jobs::find);
                if (OrphanPolicy.isOrphan(snapshot, job) && record(snapshot, instance, job, now)) {
                    recorded++;
                }
            }
        }
        return recorded;
    }

    private boolean record(CloudSnapshot snapshot, JobSnapshotsStore.KnownInstance instance,
                           Optional<JobSnapshots> job, Instant now) {
        Update insert = new Update()
                .setOnInsert("snapshotName", snapshot.snapshotName())
                .setOnInsert("jobId", SnapshotNaming.jobIdOf(snapshot.snapshotName()).orElse(null))
                .setOnInsert("batchId", job.map(JobSnapshots::batchId).orElse(null))
                .setOnInsert("sourceId", instance.sourceId())
                .setOnInsert("instanceId", instance.instanceId())
                .setOnInsert("regionId", instance.regionId())
                .setOnInsert("diskId", snapshot.diskId())
                .setOnInsert("sizeGiB", snapshot.sizeGiB())
                .setOnInsert("estimatedDailyCost", properties.costModel().dailyCost(snapshot.sizeGiB()))
                .setOnInsert("firstSeenAt", now)
                .setOnInsert("dueAt", now.plus(properties.retention()))
                .setOnInsert("status", OrphanSnapshotDocument.Status.PENDING.name())
                .setOnInsert("outbox", List.of())
                .setOnInsert("version", 0L);
        boolean inserted = mongo.upsert(new Query(Criteria.where("_id").is(snapshot.snapshotId())), insert,
                OrphanSnapshotDocument.COLLECTION).getUpsertedId() != null;
        if (inserted) {
            log.info("Orphan backup snapshot {} ({}) on {}: release due {}", snapshot.snapshotId(),
                    snapshot.snapshotName(), instance.instanceId(), now.plus(properties.retention()));
        }
        return inserted;
    }

    /** Releases the orphans whose retention is over; returns how many. */
    int releaseDue(Instant now) {
        int released = 0;
        Optional<Claimed<OrphanSnapshotDocument>> orphan;
        while (released < 100 && (orphan = claim(now)).isPresent()) {
            release(orphan.get(), now);
            released++;
        }
        return released;
    }

    private Optional<Claimed<OrphanSnapshotDocument>> claim(Instant now) {
        Criteria due = Criteria.where("status").is(OrphanSnapshotDocument.Status.PENDING.name()).and("dueAt").lte(now);
        return leases.claimNext(OrphanSnapshotDocument.COLLECTION, due, Sort.by(Sort.Direction.ASC, "dueAt"),
                properties.lease(), OrphanSnapshotDocument.class);
    }

    /** Decides and does what the orphan needs, then records it under the claim (nothing lands if it was lost). */
    private void release(Claimed<OrphanSnapshotDocument> claimed, Instant now) {
        OrphanSnapshotDocument orphan = claimed.document();
        CloudSnapshot snapshot = new CloudSnapshot(orphan.getSnapshotId(), orphan.getSnapshotName(),
                orphan.getDiskId(), "", orphan.getSizeGiB());
        Optional<JobSnapshots> job = Optional.ofNullable(orphan.getJobId()).flatMap(jobs::find);
        Update outcome = new Update();
        try {
            if (!OrphanPolicy.isOrphan(snapshot, job)) {
                outcome.set("status", OrphanSnapshotDocument.Status.ADOPTED.name());
            } else if (cloud.describeSnapshots(orphan.getRegionId(), List.of(orphan.getSnapshotId())).isEmpty()) {
                // Deleted meanwhile, e.g. by its own job's release racing the sweep: nothing to release or report.
                outcome.set("status", OrphanSnapshotDocument.Status.GONE.name());
            } else {
                cloud.deleteSnapshot(orphan.getRegionId(), orphan.getSnapshotId());
                outcome.set("status", OrphanSnapshotDocument.Status.RELEASED.name()).set("releasedAt", now)
                        .push("outbox", OutboxMessage.of(orphan.getSourceId(), releasedEvent(orphan)));
                log.info("Released orphan backup snapshot {} ({})", orphan.getSnapshotId(), orphan.getSnapshotName());
            }
        } catch (CloudApiException e) {
            log.warn("Releasing orphan {} failed, will retry: {}", orphan.getSnapshotId(), e.getMessage());
            outcome.set("dueAt", now.plus(properties.errorBackoff()));
        }
        if (leases.release(claimed.claim(), outcome)) {
            outboxRelay.wakeUp();
        } else {
            log.debug("Orphan {} was taken over meanwhile; its new holder decides", orphan.getSnapshotId());
        }
    }

    private SnapshotReleased releasedEvent(OrphanSnapshotDocument orphan) {
        SnapshotInfo info = SnapshotInfo.newBuilder()
                .setSnapshotId(orphan.getSnapshotId())
                .setSnapshotName(orphan.getSnapshotName())
                .setDiskId(orphan.getDiskId() == null ? "" : orphan.getDiskId())
                .setSizeGiB(orphan.getSizeGiB())
                .setEstimatedDailyCost(orphan.getEstimatedDailyCost())
                .build();
        return SnapshotReleased.newBuilder()
                .setHeader(EventHeaders.deterministic(SnapshotServiceApplication.SERVICE_NAME,
                        "SnapshotReleased:orphan:" + orphan.getSnapshotId(), orphan.getBatchId(), orphan.getJobId(),
                        null, clock))
                .setSourceId(orphan.getSourceId())
                .setInstanceId(orphan.getInstanceId())
                .setRegionId(orphan.getRegionId())
                .setSnapshots(List.of(info))
                .setReason(ReleaseReason.ORPHAN.name())
                .setSavedDailyCost(orphan.getEstimatedDailyCost())
                .build();
    }
}
