package io.osmigration.notification.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.osmigration.platform.lease.Claim;
import io.osmigration.platform.lease.Claimed;
import io.osmigration.platform.lease.Leases;

/**
 * The digests still to compose, one per BatchFinished event ({@code batch_digests}, keyed by its event id): stored
 * when the event arrives and composed a little later ({@code osm.notifications.digest-delay}), when the job events
 * travelling on other topics have arrived too. A replica claims a due digest with the platform lease and marks it
 * sent only after the messages are queued, so a crash in between composes it again (queueing is idempotent per
 * channel and event) and never loses it.
 */
@Component
public class PendingDigests {

    static final String COLLECTION = "batch_digests";

    private final MongoTemplate mongo;
    private final Leases leases;

    PendingDigests(MongoTemplate mongo, Leases leases) {
        this.mongo = mongo;
        this.leases = leases;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("dueAt", Sort.Direction.ASC)
                .on(Leases.FIELD + ".until", Sort.Direction.ASC).named("dueAt_lease"));
    }

    /** A batch finished; its digest falls due at {@code dueAt}. The same event again changes nothing. */
    public void add(String eventId, String batchId, String finalState, int total, Map<String, Integer> counts,
                    Instant dueAt) {
        Document digest = new Document("_id", eventId).append("batchId", batchId).append("state", finalState)
                .append("total", total).append("counts", new Document(new LinkedHashMap<>(counts)))
                .append("dueAt", Date.from(dueAt));
        try {
            mongo.insert(digest, COLLECTION);
        } catch (DuplicateKeyException alreadyStored) {
            // a redelivered BatchFinished
        }
    }

    /** Claims the digest that has been due longest, if any. */
    public Optional<Due> claimDue(Instant now, Duration lease) {
        return leases.claimNext(COLLECTION, Criteria.where("dueAt").lte(Date.from(now)), Sort.by("dueAt"), lease,
                Document.class).map(PendingDigests::due);
    }

    /** Its messages are queued: it is done. */
    public void sent(Due digest, Instant now) {
        leases.release(digest.claim(), new Update().unset("dueAt").set("sentAt", Date.from(now)));
    }

    private static Due due(Claimed<Document> claimed) {
        Document digest = claimed.document();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Document stored = digest.get("counts", Document.class);
        if (stored != null) {
            stored.forEach((state, count) -> counts.put(state, ((Number) count).intValue()));
        }
        return new Due(claimed.claim(), digest.getString("_id"), digest.getString("batchId"),
                digest.getString("state"), digest.getInteger("total", 0), counts);
    }

    /** A digest due to be composed, claimed by this replica. */
    public record Due(Claim claim, String eventId, String batchId, String finalState, int total,
                      Map<String, Integer> counts) {
    }
}
