package io.osmigration.executor.batch;

import java.time.Clock;
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

import io.osmigration.executor.domain.Batch;
import io.osmigration.executor.domain.BatchState;
import io.osmigration.executor.domain.BatchChange;
import io.osmigration.platform.lease.Claimed;
import io.osmigration.platform.lease.Leases;
import io.osmigration.platform.outbox.OutboxMessage;
import io.osmigration.platform.outbox.OutboxRelay;

/**
 * The only writer of batch documents: every write stores a {@link BatchChange} (value, mirrors, events) in one
 * single-document update guarded by version, and by the claim's fencing token for the batch worker's writes.
 */
@Component
public class BatchStore {

    public static final String COLLECTION = "batches";
    private static final int MAX_CONFLICT_RETRIES = 50;

    private final MongoTemplate mongo;
    private final Leases leases;
    private final OutboxRelay relay;
    private final BatchEventMapper events;
    private final Clock clock;

    BatchStore(MongoTemplate mongo, Leases leases, OutboxRelay relay, Clock clock) {
        this.mongo = mongo;
        this.leases = leases;
        this.relay = relay;
        this.events = new BatchEventMapper(clock);
        this.clock = clock;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("dueAt", Sort.Direction.ASC)
                .on(Leases.FIELD + ".until", Sort.Direction.ASC).named("due_lease"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("createdAt", Sort.Direction.DESC).named("created"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("state", Sort.Direction.ASC)
                .on("createdAt", Sort.Direction.DESC).named("state_created"));
    }

    public Optional<Batch> find(String batchId) {
        return Optional.ofNullable(mongo.findById(batchId, BatchDocument.class, COLLECTION)).map(BatchDocument::batch);
    }

    /** Batches newest first, in {@code state} (all when null), one page of them. */
    public List<Batch> page(BatchState state, int page, int size) {
        Query query = inState(state).with(Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("_id")))
                .skip((long) page * size).limit(size);
        return mongo.find(query, BatchDocument.class, COLLECTION).stream().map(BatchDocument::batch).toList();
    }

    public long count(BatchState state) {
        return mongo.count(inState(state), COLLECTION);
    }

    private static Query inState(BatchState state) {
        return state == null ? new Query() : new Query(Criteria.where("state").is(state.name()));
    }

    /** Stores an accepted batch with its events, due for the batch worker at once; false if it exists already. */
    boolean insert(BatchChange accepted) {
        Batch batch = accepted.batch();
        try {
            mongo.insert(BatchDocument.of(batch, events.toOutbox(batch, accepted.events()), clock.instant()),
                    COLLECTION);
        } catch (DuplicateKeyException exists) {
            return false;
        }
        relay.wakeUp();
        return true;
    }

    /** Applies {@code change} to the current value and stores it, retried on a version conflict. */
    Optional<BatchChange> update(String batchId, Function<Batch, BatchChange> change) {
        for (int attempt = 1; attempt <= MAX_CONFLICT_RETRIES; attempt++) {
            BatchDocument document = mongo.findById(batchId, BatchDocument.class, COLLECTION);
            if (document == null) {
                return Optional.empty();
            }
            BatchChange result = change.apply(document.batch());
            if (result.refused()) {
                return Optional.of(result);
            }
            Query current = new Query(Criteria.where("_id").is(batchId).and("revision").is(document.revision()));
            if (write(current, result, new Update().set("dueAt", clock.instant()).inc("nudges", 1))) {
                return Optional.of(result);
            }
            Thread.onSpinWait();
        }
        throw new OptimisticLockingFailureException("batch " + batchId + " kept changing");
    }

    /** Asks the batch worker to look at the open batch soon (a job of it moved). */
    void nudge(String batchId) {
        mongo.updateFirst(new Query(Criteria.where("_id").is(batchId).and("dueAt").ne(null)),
                new Update().inc("nudges", 1).min("dueAt", clock.instant()), COLLECTION);
    }

    Optional<Claimed<BatchDocument>> claimDue(Duration lease) {
        return leases.claimNext(COLLECTION, Criteria.where("dueAt").lte(clock.instant()), Sort.by("dueAt"), lease,
                BatchDocument.class);
    }

    Optional<Claimed<BatchDocument>> claim(String batchId, Duration lease) {
        return leases.claim(COLLECTION, batchId, lease, BatchDocument.class);
    }

    /**
     * Whether the claim still holds and the batch is as it was claimed: checked just before each job is released
     * under the claim, so neither a replica that took over nor an operator's pause or cancel meanwhile is overruled.
     */
    boolean unchangedSinceClaimed(Claimed<BatchDocument> claimed) {
        Query query = claimed.claim().fenced()
                .addCriteria(Criteria.where("revision").is(claimed.document().revision()))
                .addCriteria(Criteria.where(Leases.FIELD + ".until").gt(clock.instant()));
        return mongo.exists(query, COLLECTION);
    }

    /**
     * Stores a change made under a claim and keeps the claim; false if the claim was lost (fencing token) or the batch
     * changed since it was claimed (an operator's control): then the next look decides again.
     */
    boolean writeClaimed(Claimed<BatchDocument> claimed, BatchChange change) {
        Query fenced = claimed.claim().fenced()
                .addCriteria(Criteria.where("revision").is(claimed.document().revision()));
        return write(fenced, change, new Update());
    }

    /**
     * Gives the batch back, due again at {@code nextLook} (null: never by itself, it finished) — or at once if someone
     * asked for a look while it was being reconciled.
     */
    void releaseClaim(Claimed<BatchDocument> claimed, Instant nextLook) {
        Query unchanged = claimed.claim().fenced()
                .addCriteria(Criteria.where("nudges").is(claimed.document().nudges()));
        Update release = new Update().set("dueAt", nextLook).set(Leases.FIELD + ".until", null).inc("version", 1);
        if (mongo.updateFirst(unchanged, release, COLLECTION).getMatchedCount() == 0) {
            leases.release(claimed.claim(), new Update().set("dueAt", nextLook == null ? null : clock.instant()));
        }
    }

    private boolean write(Query current, BatchChange change, Update update) {
        Batch batch = change.batch();
        List<OutboxMessage> outbox = events.toOutbox(batch, change.events());
        update.set("batch", mongo.getConverter().convertToMongoType(batch)).set("state", batch.state().name())
                .inc("revision", 1).inc("version", 1);
        if (!outbox.isEmpty()) {
            update.push("outbox").each(outbox.stream().map(m -> mongo.getConverter().convertToMongoType(m)).toArray());
        }
        if (mongo.updateFirst(current, update, COLLECTION).getModifiedCount() == 0) {
            return false;
        }
        if (!outbox.isEmpty()) {
            relay.wakeUp();
        }
        return true;
    }
}
