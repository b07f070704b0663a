package io.osmigration.platform.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import com.mongodb.ErrorCategory;

/**
 * Which replica relays which outbox document right now: one claim per document, {@code {_id: "<collection>/<id>",
 * token, owner, until}}, in a collection of its own — so claiming never touches the aggregate, its version or a
 * service's optimistic lock. A claim is taken with an upsert that only matches an expired claim: where a live claim
 * exists the upsert collides with its {@code _id} and fails, so of two replicas racing for a document one wins.
 * Claims are released (deleted) after the relay; an expired claim is as good as none, and a TTL index clears the
 * ones left by replicas that died.
 *
 * <p>Not {@link io.osmigration.platform.lease.Leases}: its lease lives in the claimed document and bumps its version,
 * which here would be the aggregate itself — every relay would add an optimistic-lock conflict for the service, the
 * next save of an entity that does not map the field would erase the claim, and the relay would contend with the
 * service's own workers for the one lease of the document.
 */
final class OutboxClaims {

    static final String COLLECTION = "outbox_claims";
    /** Expired claims older than this are deleted by MongoDB (they would be ignored anyway). */
    static final Duration LEFTOVER_RETENTION = Duration.ofHours(1);

    private final MongoTemplate mongo;
    private final String owner;
    private final Duration timeout;

    OutboxClaims(MongoTemplate mongo, String owner, Duration timeout) {
        this.mongo = mongo;
        this.owner = owner;
        this.timeout = timeout;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("until", Sort.Direction.ASC)
                .expire(LEFTOVER_RETENTION).named("until_ttl"));
    }

    /** One round's claims: the ids of {@code collection} this replica holds under {@code token}. */
    record Claim(String collection, String token, List<Object> ids) {
    }

    /** Claims those of {@code ids} that no other replica holds. */
    Claim claim(String collection, List<Object> ids) {
        String token = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Map<String, Object> byKey = new LinkedHashMap<>();
        ids.forEach(id -> byKey.put(key(collection, id), id));
        BulkOperations claims = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        Update claim = new Update().set("token", token).set("owner", owner).set("until", now.plus(timeout));
        byKey.keySet().forEach(key -> claims.upsert(
                new Query(Criteria.where("_id").is(key).and("until").lt(now)), claim));
        try {
            claims.execute();
        } catch (BulkOperationException e) {
            if (!e.getErrors().stream().allMatch(error -> error.getCategory() == ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
        } catch (DuplicateKeyException heldByOthers) {
            // every claim we lost is held by another replica; the ones we won are found below
        }
        Query mine = new Query(Criteria.where("_id").in(byKey.keySet()).and("token").is(token));
        mine.fields().include("_id");
        Set<String> won = mongo.find(mine, Document.class, COLLECTION).stream()
                .map(document -> document.getString("_id")).collect(Collectors.toSet());
        return new Claim(collection, token, byKey.entrySet().stream().filter(entry -> won.contains(entry.getKey()))
                .map(Map.Entry::getValue).toList());
    }

    void release(Claim claim) {
        if (claim.ids().isEmpty()) {
            return;
        }
        List<String> keys = claim.ids().stream().map(id -> key(claim.collection(), id)).toList();
        mongo.remove(new Query(Criteria.where("_id").in(keys).and("token").is(claim.token())), COLLECTION);
    }

    static String key(String collection, Object id) {
        return collection + "/" + id;
    }
}
