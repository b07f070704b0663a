package io.osmigration.snapshot.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.osmigration.platform.lease.Claim;
import io.osmigration.platform.lease.Claimed;
import io.osmigration.platform.lease.Leases;
import io.osmigration.platform.outbox.OutboxMessage;
import io.osmigration.snapshot.domain.JobSnapshots;

/**
 * MongoDB access for job backups. Every write is one document; races are settled by version and by the platform's
 * fenced {@link Leases}: the worker claims a due job, and what it writes under that claim lands only while the claim
 * is the job's newest and nobody else changed the job meanwhile.
 */
@Component
public class JobSnapshotsStore {

    public static final String COLLECTION = "job_snapshots";
    private static final int MAX_CONFLICT_RETRIES = 10;

    private final MongoTemplate mongo;
    private final Leases leases;
    private final SnapshotMetrics metrics;

    JobSnapshotsStore(MongoTemplate mongo, Leases leases, SnapshotMetrics metrics) {
        this.mongo = mongo;
        this.leases = leases;
        this.metrics = metrics;
        // The worker's claim: due jobs (dueAt) that no live lease holds (lease.until).
        mongo.indexOps(COLLECTION).createIndex(new Index().on("dueAt", Sort.Direction.ASC)
                .on(Leases.FIELD + ".until", Sort.Direction.ASC).named("dueAt_lease"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("job.instanceId", Sort.Direction.ASC)
                .named("instanceId"));
    }

    /** Stores a new job; false if the job exists already (a second PrecheckPassed for it). */
    boolean insert(JobSnapshots job, List<OutboxMessage> events) {
        try {
            mongo.insert(JobSnapshotsDocument.of(job, events), COLLECTION);
            metrics.stored(null, job);
            return true;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    public Optional<JobSnapshots> find(String jobId) {
        return Optional.ofNullable(mongo.findById(jobId, JobSnapshotsDocument.class, COLLECTION))
                .map(JobSnapshotsDocument::getJob);
    }

    public List<JobSnapshots> findAll(int limit) {
        Query query = new Query().with(Sort.by(Sort.Direction.DESC, "job.createdAt")).limit(limit);
        return mongo.find(query, JobSnapshotsDocument.class, COLLECTION).stream()
                .map(JobSnapshotsDocument::getJob).toList();
    }

    public List<String> jobIdsOfBatch(String batchId) {
        Query query = new Query(Criteria.where("job.batchId").is(batchId));
        query.fields().include("_id");
        return mongo.find(query, org.bson.Document.class, COLLECTION).stream()
                .map(document -> document.getString("_id")).toList();
    }

    public List<JobSnapshots> findByInstance(String instanceId) {
        return mongo.find(new Query(Criteria.where("job.instanceId").is(instanceId)), JobSnapshotsDocument.class,
                COLLECTION).stream().map(JobSnapshotsDocument::getJob).toList();
    }

    /** Every ECS instance a job was ever about: the part of the fleet whose snapshots this service looks after. */
    public List<KnownInstance> knownInstances() {
        Query query = new Query(Criteria.where("job.instanceId").ne(null));
        query.fields().include("job.instanceId").include("job.regionId").include("job.sourceId");
        return mongo.find(query, org.bson.Document.class, COLLECTION).stream()
                .map(document -> document.get("job", org.bson.Document.class))
                .map(job -> new KnownInstance(job.getString("instanceId"), job.getString("regionId"),
                        job.getString("sourceId")))
                .distinct().toList();
    }

    public record KnownInstance(String instanceId, String regionId, String sourceId) {
    }

    /**
     * Read-change-write with optimistic locking, retried on conflicts (the worker, the outbox relay or another
     * replica wrote in between). The change returns the new value and its events, or empty for "nothing to do".
     */
    Optional<JobSnapshots> update(String jobId, Function<JobSnapshots, Optional<Change>> change) {
        for (int attempt = 1; ; attempt++) {
            JobSnapshotsDocument document = mongo.findById(jobId, JobSnapshotsDocument.class, COLLECTION);
            if (document == null) {
                return Optional.empty();
            }
            Optional<Change> result = change.apply(document.getJob());
            if (result.isEmpty()) {
                return Optional.of(document.getJob());
            }
            JobSnapshots before = document.getJob();
            document.change(result.get().job(), result.get().events());
            try {
                mongo.save(document, COLLECTION);
                metrics.stored(before, result.get().job());
                return Optional.of(result.get().job());
            } catch (OptimisticLockingFailureException conflict) {
                if (attempt >= MAX_CONFLICT_RETRIES) {
                    throw conflict;
                }
            }
        }
    }

    /** Claims up to {@code max} jobs that have been due longest and that no live lease holds, for {@code duration}. */
    List<Claimed<JobSnapshotsDocument>> claimDue(Instant now, Duration duration, int max) {
        return leases.claimAll(COLLECTION, Criteria.where("dueAt").lte(now), Sort.by(Sort.Direction.ASC, "dueAt"), max,
                duration, JobSnapshotsDocument.class, new Update());
    }

    /**
     * Writes what the worker did and gives the lease back, in one write that lands only while the claim is the job's
     * newest (fencing token) and the job is unchanged since the claim (version: an event or the outbox relay may have
     * written it); false otherwise.
     */
    boolean saveClaimed(Claimed<JobSnapshotsDocument> claimed, Change change) {
        JobSnapshotsDocument document = claimed.document();
        JobSnapshots before = document.getJob();
        document.change(change.job(), change.events());
        org.bson.Document stored = new org.bson.Document();
        mongo.getConverter().write(document, stored);
        Update update = new Update().set("job", stored.get("job")).set("dueAt", stored.get("dueAt"))
                .set("outbox", stored.get("outbox"));
        boolean saved = leases.release(claimed.claim(), Criteria.where("version").is(document.getVersion()), update);
        if (saved) {
            metrics.stored(before, change.job());
        }
        return saved;
    }

    /** Gives a claim back without writing anything else, so the job is looked at again at once. */
    void abandon(Claim claim) {
        leases.release(claim);
    }

    /** A new job value and the events the change produced. */
    record Change(JobSnapshots job, List<OutboxMessage> events) {
        static Change of(JobSnapshots job) {
            return new Change(job, List.of());
        }
    }
}
