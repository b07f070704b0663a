package io.osmigration.executor.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.mongodb.MongoBulkWriteException;

import io.osmigration.executor.domain.Job;
import io.osmigration.executor.domain.JobChange;
import io.osmigration.executor.domain.JobCounts;
import io.osmigration.executor.domain.JobState;
import io.osmigration.platform.lease.Claim;
import io.osmigration.platform.lease.Claimed;
import io.osmigration.platform.lease.Leases;
import io.osmigration.platform.outbox.OutboxMessage;
import io.osmigration.platform.outbox.OutboxRelay;

/**
 * The only writer of job documents. Every write stores a {@link JobChange} the state machine made: the new value,
 * its mirrors, its instance claim and its events, in one single-document update guarded by the value's revision
 * (and, for a worker's write, by its claim's fencing token), so concurrent writers never lose each other's changes and
 * a worker whose claim was taken over can change nothing.
 */
@Component
public class JobStore {

    public static final String COLLECTION = "jobs";
    private static final Logger log = LoggerFactory.getLogger(JobStore.class);
    private static final int MAX_CONFLICT_RETRIES = 50;

    private final MongoTemplate mongo;
    private final Leases leases;
    private final OutboxRelay relay;
    private final JobEventMapper events;
    private final ObjectProvider<Listener> listeners;
    private final ObjectProvider<ChangeObserver> observers;

    /** Told when a job changed state, so its batch can release the next one or finish. */
    public interface Listener {
        void jobMoved(String batchId);
    }

    /** Told of every change stored, with the value it replaced (metrics); must be quick and must not throw. */
    public interface ChangeObserver {
        void stored(Job before, JobChange change);
    }

    JobStore(MongoTemplate mongo, Leases leases, OutboxRelay relay, Clock clock, ObjectProvider<Listener> listeners,
             ObjectProvider<ChangeObserver> observers) {
        this.mongo = mongo;
        this.observers = observers;
        this.leases = leases;
        this.relay = relay;
        this.events = new JobEventMapper(clock);
        this.listeners = listeners;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("batchId", Sort.Direction.ASC)
                .on("state", Sort.Direction.ASC).on("position", Sort.Direction.ASC).named("batch_state_position"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("sourceId", Sort.Direction.ASC)
                .on("createdAt", Sort.Direction.DESC).named("source_created"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("dueAt", Sort.Direction.ASC)
                .on(Leases.FIELD + ".until", Sort.Direction.ASC).named("due_lease"));
        // The instance claim: at most one job holds an instance, across batches and replicas.
        mongo.indexOps(COLLECTION).createIndex(new Index().on("instanceLock", Sort.Direction.ASC).unique().sparse()
                .named("instance_lock_unique"));
    }

    // ---- reading ----

    public Optional<Job> find(String jobId) {
        return Optional.ofNullable(mongo.findById(jobId, JobDocument.class, COLLECTION)).map(JobDocument::job);
    }

    public List<Job> ofBatch(String batchId) {
        return mongo.find(new Query(Criteria.where("batchId").is(batchId)).with(Sort.by("position")),
                JobDocument.class, COLLECTION).stream().map(JobDocument::job).toList();
    }

    /** The newest job of a source in one of {@code states}: how events without a jobId find their job. */
    public Optional<Job> latestOfSource(String sourceId, Collection<JobState> states) {
        Query query = new Query(Criteria.where("sourceId").is(sourceId)
                .and("state").in(states.stream().map(Enum::name).toList()))
                .with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(1);
        return Optional.ofNullable(mongo.findOne(query, JobDocument.class, COLLECTION)).map(JobDocument::job);
    }

    public List<Job> pending(String batchId, int limit) {
        return mongo.find(new Query(Criteria.where("batchId").is(batchId).and("state").is(JobState.PENDING.name()))
                .with(Sort.by("position")).limit(limit), JobDocument.class, COLLECTION).stream()
                .map(JobDocument::job).toList();
    }

    /** The batch's jobs that have not ended yet. */
    public List<Job> unfinished(String batchId) {
        List<String> finished = JobState.finished().stream().map(Enum::name).toList();
        return mongo.find(new Query(Criteria.where("batchId").is(batchId).and("state").nin(finished))
                .with(Sort.by("position")), JobDocument.class, COLLECTION).stream().map(JobDocument::job).toList();
    }

    /** The job that holds the instance with {@code instanceKey}, if any. */
    public Optional<Job> holderOf(String instanceKey) {
        return Optional.ofNullable(mongo.findOne(new Query(Criteria.where("instanceLock").is(instanceKey)),
                JobDocument.class, COLLECTION)).map(JobDocument::job);
    }

    /**
     * The batch's jobs per state, and how many ended ones still wait for their rollback: one aggregate on the
     * {@code batch_state_position} index, whatever the batch's size.
     */
    public JobCounts counts(String batchId) {
        Aggregation aggregation = Aggregation.newAggregation(
                Aggregation.match(Criteria.where("batchId").is(batchId)),
                Aggregation.group("state", "job.rollbackPending").count().as("n"));
        Map<JobState, Long> byState = new EnumMap<>(JobState.class);
        long unsettled = 0;
        for (Document group : mongo.aggregate(aggregation, COLLECTION, Document.class).getMappedResults()) {
            Document id = group.get("_id", Document.class);
            JobState state = JobState.valueOf(id.getString("state"));
            long n = ((Number) group.get("n")).longValue();
            byState.merge(state, n, Long::sum);
            if (state.isFinished() && Boolean.TRUE.equals(id.get("rollbackPending"))) {
                unsettled += n;
            }
        }
        return new JobCounts(byState, unsettled);
    }

    /** One page of a batch's jobs in plan order, how many match, and the batch's jobs per state. */
    public record JobPage(List<Job> jobs, long total, JobCounts counts) {
    }

    /**
     * A page of the batch's jobs in one of {@code states} (all when empty) whose job id, source id or instance id
     * contains {@code text} (case-insensitive; any when blank), in plan order. Served by the
     * {@code batch_state_position} index: the text is matched only among the batch's jobs.
     */
    public JobPage page(String batchId, Collection<JobState> states, String text, int page, int size) {
        Criteria criteria = Criteria.where("batchId").is(batchId);
        if (!states.isEmpty()) {
            criteria = criteria.and("state").in(states.stream().map(Enum::name).toList());
        }
        if (text != null && !text.isBlank()) {
            java.util.regex.Pattern contains = java.util.regex.Pattern.compile(
                    java.util.regex.Pattern.quote(text.strip()), java.util.regex.Pattern.CASE_INSENSITIVE);
            criteria = criteria.orOperator(Criteria.where("_id").regex(contains),
                    Criteria.where("sourceId").regex(contains), Criteria.where("job.instanceId").regex(contains));
        }
        Query query = new Query(criteria);
        long total = mongo.count(query, COLLECTION);
        List<Job> jobs = mongo.find(query.with(Sort.by("position")).skip((long) page * size).limit(size),
                JobDocument.class, COLLECTION).stream().map(JobDocument::job).toList();
        return new JobPage(jobs, total, counts(batchId));
    }

    // ---- writing ----

    /**
     * Stores new PENDING jobs in one round trip. A job that exists already (a retried submission: ids are
     * deterministic) is left as it is.
     */
    public void insertNew(List<Job> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, JobDocument.class, COLLECTION);
        jobs.forEach(job -> bulk.insert(JobDocument.of(job)));
        try {
            bulk.execute();
        } catch (RuntimeException e) {
            if (!onlyDuplicates(e)) {
                throw e;
            }
        }
    }

    /** A claim on an instance that another job holds; {@code holder} names that job. */
    public static final class InstanceBusyException extends RuntimeException {
        private final transient Job holder;

        InstanceBusyException(Job holder, String instanceKey) {
            super("instance " + instanceKey + " is held by job " + (holder == null ? "?" : holder.jobId()));
            this.holder = holder;
        }

        public Optional<Job> holder() {
            return Optional.ofNullable(holder);
        }
    }

    /**
     * Applies {@code change} to the job's current value and stores its result, retried on a version conflict.
     * Returns the change (refused: nothing stored), or empty when the job does not exist. Throws
     * {@link InstanceBusyException} when the change claims an instance another job holds.
     */
    public Optional<JobChange> update(String jobId, Function<Job, JobChange> change) {
        for (int attempt = 1; attempt <= MAX_CONFLICT_RETRIES; attempt++) {
            JobDocument document = mongo.findById(jobId, JobDocument.class, COLLECTION);
            if (document == null) {
                return Optional.empty();
            }
            JobChange result = change.apply(document.job());
            if (result.refused()) {
                return Optional.of(result);
            }
            Query current = new Query(Criteria.where("_id").is(jobId).and("revision").is(document.revision()));
            if (write(current, document.job(), result)) {
                return Optional.of(result);
            }
            Thread.onSpinWait();
        }
        throw new OptimisticLockingFailureException("job " + jobId + " kept changing under " + MAX_CONFLICT_RETRIES
                + " attempts");
    }

    /**
     * Applies {@code change} to every job of the batch in {@code state}, in one round trip. A job that changed
     * meanwhile is left as it is (the caller looks at what remains). Returns how many jobs were written.
     */
    public int updateAll(String batchId, JobState state, Function<Job, JobChange> change) {
        List<JobDocument> documents = mongo.find(new Query(Criteria.where("batchId").is(batchId).and("state")
                .is(state.name())), JobDocument.class, COLLECTION);
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        List<JobDocument> changed = new java.util.ArrayList<>();
        List<JobChange> results = new java.util.ArrayList<>();
        for (JobDocument document : documents) {
            JobChange result = change.apply(document.job());
            if (!result.refused()) {
                bulk.updateOne(new Query(Criteria.where("_id").is(document.id()).and("revision")
                        .is(document.revision())), changeUpdate(result, new Update()).update());
                changed.add(document);
                results.add(result);
            }
        }
        if (changed.isEmpty()) {
            return 0;
        }
        int written = bulk.execute().getModifiedCount();
        if (written == changed.size()) {
            // All written (the usual case); with fewer, which ones is unknown: their metrics are left out.
            for (int i = 0; i < changed.size(); i++) {
                observe(changed.get(i).job(), results.get(i));
            }
        }
        relay.wakeUp();
        listeners.orderedStream().forEach(listener -> listener.jobMoved(batchId));
        return written;
    }

    /**
     * Makes jobs due now that were to be looked at later (their invocation was seen finished): only the schedule
     * changes, not the job, so nobody's move is redone for it.
     */
    void wake(Collection<String> jobIds, Instant now) {
        if (!jobIds.isEmpty()) {
            mongo.updateMulti(new Query(Criteria.where("_id").in(jobIds).and("dueAt").gt(now)),
                    new Update().set("dueAt", now), COLLECTION);
        }
    }

    /**
     * Claims up to {@code max} of the jobs due longest that no live claim holds, in a few round trips for all of them
     * ({@link Leases#claimAll}, on the {@code dueAt, lease.until} index) rather than a search of the due jobs for
     * every claim.
     */
    List<Claimed<JobDocument>> claimDue(Instant now, Duration lease, int max) {
        return leases.claimAll(COLLECTION, Criteria.where("dueAt").lte(now), Sort.by("dueAt"), max, lease,
                JobDocument.class, new Update());
    }

    /**
     * Stores what a worker did under its claim and gives the job back, only if the claim is still the job's newest
     * (fencing token) and nobody changed the job since it was claimed (revision). False otherwise: the move is redone on
     * the fresh job (every move is safe to repeat).
     */
    boolean saveClaimed(Claimed<JobDocument> claimed, JobChange change, Instant retry) {
        Query fenced = claimed.claim().fenced()
                .addCriteria(Criteria.where("revision").is(claimed.document().revision()));
        if (change.refused()) {
            // Nothing to do after all: look again a little later rather than claiming it again at once.
            return leases.release(claimed.claim(), new Update().set("dueAt", later(claimed.document().job(), retry)));
        }
        return write(fenced, claimed.document().job(), change, new Update().set(Leases.FIELD + ".until", null));
    }

    /**
     * Stores what a worker did under its claim and keeps the claim, for a next move that follows at once (the next
     * step's RunCommand after a step ended): fenced and revision-checked like {@link #saveClaimed}. Returns the job as
     * now stored under the same claim, or empty when the claim was taken over or the job changed meanwhile.
     */
    Optional<Claimed<JobDocument>> saveKeepingClaim(Claimed<JobDocument> claimed, JobChange change) {
        Query fenced = claimed.claim().fenced()
                .addCriteria(Criteria.where("revision").is(claimed.document().revision()));
        if (change.refused() || !write(fenced, claimed.document().job(), change)) {
            return Optional.empty();
        }
        return Optional.of(new Claimed<>(claimed.claim(), claimed.document().written(change.job())));
    }

    private static Instant later(Job job, Instant retry) {
        Instant due = job.dueAt();
        return due == null ? null : due.isAfter(retry) ? due : retry;
    }

    /** Gives a claim back without changing the job, so it can be looked at again at once. */
    void abandon(Claim claim) {
        leases.release(claim);
    }

    private boolean write(Query current, Job before, JobChange change) {
        return write(current, before, change, new Update());
    }

    private boolean write(Query current, Job before, JobChange change, Update update) {
        Job job = change.job();
        Prepared prepared = changeUpdate(before, change, update);
        try {
            if (mongo.updateFirst(current, prepared.update(), COLLECTION).getModifiedCount() == 0) {
                return false;
            }
        } catch (DuplicateKeyException busy) {
            throw new InstanceBusyException(holderOf(job.instanceKey()).orElse(null), job.instanceKey());
        }
        if (prepared.hasEvents()) {
            relay.wakeUp();
        }
        observe(before, change);
        if (change.transition() != null || before.rollbackPending() != job.rollbackPending()) {
            log.debug("Job {} {} -> {}", job.jobId(), before.state(), job.state());
            listeners.orderedStream().forEach(listener -> listener.jobMoved(job.batchId()));
        }
        return true;
    }

    private void observe(Job before, JobChange change) {
        observers.orderedStream().forEach(observer -> {
            try {
                observer.stored(before, change);
            } catch (RuntimeException e) {
                log.warn("A job change observer failed (the change is stored): {}", e.toString());
            }
        });
    }

    private record Prepared(Update update, boolean hasEvents) {
    }

    /** The update that stores the change: the value, its mirrors, the instance claim and the events. */
    private Prepared changeUpdate(JobChange change, Update update) {
        return changeUpdate(null, change, update);
    }

    /**
     * As {@link #changeUpdate(JobChange, Update)}; when {@code before} is known and the change only says when to look
     * again (a running step looked at, most moves), only those fields are written, not the whole value.
     */
    private Prepared changeUpdate(Job before, JobChange change, Update update) {
        Job job = change.job();
        if (before != null && change.events().isEmpty() && onlyRescheduled(before, job)) {
            update.set("job.nextActionAt", job.nextActionAt()).set("job.cloudFailures", job.cloudFailures())
                    .set("job.lastCloudError", job.lastCloudError()).set("job.updatedAt", job.updatedAt())
                    .set("dueAt", job.dueAt()).inc("revision", 1).inc("version", 1);
            return new Prepared(update, false);
        }
        List<OutboxMessage> outbox = events.toOutbox(job, change.events());
        update.set("job", mongo.getConverter().convertToMongoType(job)).set("state", job.state().name())
                .set("dueAt", job.dueAt()).inc("revision", 1).inc("version", 1);
        if (job.holdsInstance()) {
            update.set("instanceLock", job.instanceKey());
        } else {
            update.unset("instanceLock");
        }
        if (!outbox.isEmpty()) {
            update.push("outbox").each(outbox.stream().map(m -> mongo.getConverter().convertToMongoType(m)).toArray());
        }
        return new Prepared(update, !outbox.isEmpty());
    }

    /** Whether {@code after} is {@code before} with only its schedule (and the ECS retry count) changed. */
    private static boolean onlyRescheduled(Job before, Job after) {
        return before.state() == after.state() && before.onlyRescheduledIn(after);
    }

    private static boolean onlyDuplicates(RuntimeException e) {
        if (e instanceof BulkOperationException bulk) {
            return bulk.getErrors().stream().allMatch(error -> error.getCode() == 11000);
        }
        Throwable cause = e;
        while (cause != null && !(cause instanceof MongoBulkWriteException)) {
            cause = cause.getCause();
        }
        if (cause instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream().allMatch(error -> error.getCode() == 11000);
        }
        return e instanceof DuplicateKeyException;
    }
}
