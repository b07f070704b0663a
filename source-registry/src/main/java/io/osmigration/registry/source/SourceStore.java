package io.osmigration.registry.source;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.osmigration.platform.outbox.OutboxMessage;
import io.osmigration.registry.source.domain.ImportMethod;
import io.osmigration.registry.source.domain.SourceStatus;

/** MongoDB access for sources. Every change and the event it causes are one single-document write. */
@Component
class SourceStore {

    private static final int MAX_ATTEMPTS = 20;

    private final MongoTemplate mongo;

    SourceStore(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(SourceDocument.COLLECTION).createIndex(new Index().on("status", Sort.Direction.ASC));
        mongo.indexOps(SourceDocument.COLLECTION).createIndex(new Index().on("importMethod", Sort.Direction.ASC));
    }

    Optional<SourceDocument> find(String sourceId) {
        return Optional.ofNullable(mongo.findById(sourceId, SourceDocument.class));
    }

    /**
     * Loads (or creates), changes and saves with the optimistic version check; on a lost race (another import, or the
     * outbox relay pulling sent events) it starts again from the fresh document.
     */
    SourceDocument upsert(String sourceId, Mutation mutation) {
        for (int attempt = 1; ; attempt++) {
            SourceDocument current = mongo.findById(sourceId, SourceDocument.class);
            SourceDocument next = current == null ? newDocument(sourceId) : current;
            mutation.apply(next, current == null);
            try {
                return mongo.save(next);
            } catch (OptimisticLockingFailureException | DuplicateKeyException lostRace) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw lostRace;
                }
            }
        }
    }

    /**
     * Moves a source from {@code expected} to another status and queues the event in the same atomic update; returns
     * false when the source was not in {@code expected} any more (someone else changed it first).
     */
    boolean changeStatus(String sourceId, SourceStatus expected, SourceStatus next, String reason,
                         OutboxMessage event, Instant lastSeenAt) {
        Update update = new Update().set("status", next).set("statusReason", reason).push("outbox", event)
                .inc("version", 1);
        if (lastSeenAt != null) {
            update.set("lastSeenAt", lastSeenAt);
        }
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(sourceId).and("status").is(expected)), update,
                FindAndModifyOptions.options().returnNew(true), SourceDocument.class) != null;
    }

    void touch(String sourceId, Instant lastSeenAt) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(sourceId)), new Update().set("lastSeenAt", lastSeenAt),
                SourceDocument.class);
    }

    List<SourceDocument> page(Criteria criteria, int page, int size) {
        Query query = Query.query(criteria).with(Sort.by("_id")).skip((long) page * size).limit(size);
        query.fields().exclude("outbox");
        return mongo.find(query, SourceDocument.class);
    }

    long count(Criteria criteria) {
        return mongo.count(Query.query(criteria), SourceDocument.class);
    }

    /** ECS sources with only what status polling needs, in id order after {@code afterId} (keyset paging). */
    List<SourceDocument> ecsSourcesAfter(String afterId, int limit) {
        Criteria criteria = Criteria.where("importMethod").is(ImportMethod.ECS);
        if (afterId != null) {
            criteria = criteria.and("_id").gt(afterId);
        }
        Query query = Query.query(criteria).with(Sort.by("_id")).limit(limit);
        query.fields().include("_id", "instanceId", "regionId", "status", "importMethod");
        return mongo.find(query, SourceDocument.class);
    }

    List<SourceDocument> silentSince(Instant before, int limit) {
        Query query = Query.query(Criteria.where("importMethod").is(ImportMethod.ACTIVATION_CODE)
                .and("status").is(SourceStatus.ONLINE).and("lastSeenAt").lt(before)).limit(limit);
        query.fields().include("_id", "instanceId", "status", "lastSeenAt", "importMethod");
        return mongo.find(query, SourceDocument.class);
    }

    private static SourceDocument newDocument(String sourceId) {
        SourceDocument document = new SourceDocument();
        document.setId(sourceId);
        return document;
    }

    /** A change to a loaded (or new) document; may run more than once when a save loses a race. */
    @FunctionalInterface
    interface Mutation {
        void apply(SourceDocument document, boolean created);
    }
}
