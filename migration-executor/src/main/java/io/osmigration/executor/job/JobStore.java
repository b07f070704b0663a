package io.osmigration.executor.job;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.osmigration.executor.domain.JobState;
import io.osmigration.platform.outbox.OutboxRelay;

/**
 * Reads and changes job documents. Every change is read-modify-write guarded by the document's {@code version}
 * (the outbox relay bumps it too), retried on a conflict, so concurrent writers never lose each other's changes.
 */
@Component
public class JobStore {

    private static final int MAX_ATTEMPTS = 50;

    private final MongoTemplate mongo;
    private final OutboxRelay relay;
    private final Clock clock;

    public JobStore(MongoTemplate mongo, OutboxRelay relay, Clock clock) {
        this.mongo = mongo;
        this.relay = relay;
        this.clock = clock;
        mongo.indexOps(JobDocument.COLLECTION).createIndex(new Index().on("batchId", Sort.Direction.ASC)
                .on("state", Sort.Direction.ASC).named("batch_state"));
        mongo.indexOps(JobDocument.COLLECTION).createIndex(new Index().on("sourceId", Sort.Direction.ASC)
                .named("source"));
        mongo.indexOps(JobDocument.COLLECTION).createIndex(new Index().on("state", Sort.Direction.ASC)
                .on("leaseUntil", Sort.Direction.ASC).named("state_lease"));
    }

    public Optional<JobDocument> find(String jobId) {
        return Optional.ofNullable(mongo.findById(jobId, JobDocument.class));
    }

    public List<JobDocument> ofBatch(String batchId) {
        return mongo.find(new Query(Criteria.where("batchId").is(batchId)).with(Sort.by("position")),
                JobDocument.class);
    }

    /** The newest job of a source in one of {@code states}: how events without a jobId find their job. */
    public Optional<JobDocument> latestOfSource(String sourceId, List<JobState> states) {
        Query query = new Query(Criteria.where("sourceId").is(sourceId)
                .and("state").in(states.stream().map(Enum::name).toList()))
                .with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(1);
        return Optional.ofNullable(mongo.findOne(query, JobDocument.class));
    }

    public long count(String batchId, java.util.Collection<JobState> states) {
        return mongo.count(new Query(Criteria.where("batchId").is(batchId)
                .and("state").in(states.stream().map(Enum::name).toList())), JobDocument.class);
    }

    public List<JobDocument> pending(String batchId, int limit) {
        return mongo.find(new Query(Criteria.where("batchId").is(batchId).and("state").is(JobState.PENDING.name()))
                .with(Sort.by("position")).limit(limit), JobDocument.class);
    }

    /** Inserts the job unless it exists already (a retried submission). */
    public void insertIfAbsent(JobDocument job) {
        if (!mongo.exists(new Query(Criteria.where("_id").is(job.id)), JobDocument.class)) {
            try {
                mongo.insert(job);
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                // Another replica inserted the same deterministic job first: that is the same job.
            }
        }
    }

    /**
     * Applies {@code change} to the current document and saves it if it returns true; retried on a version conflict.
     * Returns the saved document, or empty when the job does not exist or {@code change} declined.
     */
    public Optional<JobDocument> update(String jobId, Predicate<JobDocument> change) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            JobDocument job = mongo.findById(jobId, JobDocument.class);
            if (job == null || !change.test(job)) {
                return Optional.empty();
            }
            job.updatedAt = clock.instant();
            try {
                JobDocument saved = mongo.save(job);
                if (!saved.outbox.isEmpty()) {
                    relay.wakeUp();
                }
                return Optional.of(saved);
            } catch (OptimisticLockingFailureException conflict) {
                Thread.onSpinWait();
            }
        }
        throw new OptimisticLockingFailureException("job " + jobId + " kept changing under " + MAX_ATTEMPTS + " attempts");
    }

    /**
     * Claims one job that needs the worker (state in {@code states}, lease free, due), for {@code owner} until
     * {@code leaseUntil}. findAndModify makes the claim atomic: two replicas never hold the same job.
     */
    public Optional<JobDocument> claim(List<JobState> states, String owner, Instant leaseUntil) {
        Instant now = clock.instant();
        Query query = new Query(new Criteria().andOperator(
                Criteria.where("state").in(states.stream().map(Enum::name).toList()),
                new Criteria().orOperator(Criteria.where("leaseUntil").is(null), Criteria.where("leaseUntil").lt(now)),
                new Criteria().orOperator(Criteria.where("nextAttemptAt").is(null),
                        Criteria.where("nextAttemptAt").lte(now))));
        Update update = new Update().set("leaseOwner", owner).set("leaseUntil", leaseUntil).inc("version", 1);
        return Optional.ofNullable(mongo.findAndModify(query, update,
                FindAndModifyOptions.options().returnNew(true), JobDocument.class));
    }

    /** Gives a claimed job back, to be looked at again from {@code nextAttemptAt}. */
    public void releaseLease(String jobId, String owner, Instant nextAttemptAt) {
        mongo.updateFirst(new Query(Criteria.where("_id").is(jobId).and("leaseOwner").is(owner)),
                new Update().set("leaseUntil", null).set("nextAttemptAt", nextAttemptAt).inc("version", 1),
                JobDocument.class);
    }
}
