package io.osmigration.platform.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Periodic work that should happen once per interval for the whole service, not once per replica (polling every
 * instance's agent status, sweeping for orphan snapshots): each task has a document in {@code schedules} with the
 * time its next run is due, and the replica that claims it through {@link Leases} runs it. The due time is stored,
 * so a service restarted more often than the interval still runs the task on time; a replica that dies while running
 * it leaves a claim that runs out, and the task runs again elsewhere.
 *
 * <p>Use: {@code claimIfDue(task, lease)}; when present, do the work and {@code done(claim, interval)}; if the work
 * failed, {@code release(claim)} so the next round tries again.
 */
public class SharedSchedule {

    public static final String COLLECTION = "schedules";
    private static final String DUE_AT = "dueAt";

    private final MongoTemplate mongo;
    private final Leases leases;
    private final Clock clock;

    public SharedSchedule(MongoTemplate mongo, Leases leases, Clock clock) {
        this.mongo = mongo;
        this.leases = leases;
        this.clock = clock;
    }

    /** The task's turn, if it is due and no replica has it; the claim lasts {@code lease}. */
    public Optional<Claim> claimIfDue(String task, Duration lease) {
        Instant now = clock.instant();
        ensureScheduled(task, now);
        return leases.claimNext(COLLECTION, Criteria.where("_id").is(task).and(DUE_AT).lte(now), Sort.unsorted(),
                lease, Document.class).map(Claimed::claim);
    }

    /** The work is done: the next turn is due {@code interval} from now. */
    public boolean done(Claim claim, Duration interval) {
        Instant now = clock.instant();
        return leases.release(claim, new Update().set(DUE_AT, now.plus(interval)).set("lastRunAt", now)
                .set("lastRunBy", claim.holder()));
    }

    /** The work failed: the turn is free again at once (the caller's loop backs off). */
    public void release(Claim claim) {
        leases.release(claim);
    }

    /** A task seen for the first time is due now. */
    private void ensureScheduled(String task, Instant now) {
        Query byId = new Query(Criteria.where("_id").is(task));
        if (mongo.exists(byId, COLLECTION)) {
            return;
        }
        try {
            mongo.upsert(byId, new Update().setOnInsert(DUE_AT, now), COLLECTION);
        } catch (DuplicateKeyException anotherReplicaWasFaster) {
            // it exists now, which is all we need
        }
    }
}
