package io.osmigration.platform.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import io.osmigration.platform.events.EventHeaders;

/**
 * Remembers which events each consumer has handled: one document per (consumer, eventId) under a unique index.
 *
 * <p>Without multi-document transactions the mark cannot be written atomically with the effect. So the effect runs
 * first and the mark after: a crash between the two redelivers the event, and handlers are written so that running
 * one again changes nothing (conditional updates, deterministic ids, ClientTokens). The mark is what makes the common
 * case, a plain redelivery, cost nothing.
 *
 * <p>Marks are kept for a retention ({@code osm.idempotency.retention}) and then removed by MongoDB's TTL monitor
 * (the {@value #RETENTION_INDEX} index on {@code at}). That is safe because a mark only matters while the event can
 * still arrive again, and because it is an optimisation, not the guarantee: an event replayed after its mark expired
 * runs its handler again, which changes nothing.
 */
public class ProcessedEvents {

    public static final String COLLECTION = "processed_events";
    public static final String RETENTION_INDEX = "at_ttl";
    private static final Logger log = LoggerFactory.getLogger(ProcessedEvents.class);

    private final MongoTemplate mongo;

    public ProcessedEvents(MongoTemplate mongo, Duration retention) {
        this.mongo = mongo;
        IndexOperations indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new Index().on("consumer", Sort.Direction.ASC)
                .on("eventId", Sort.Direction.ASC).unique().named("consumer_eventId_unique"));
        declareRetention(indexes, retention);
    }

    /**
     * A TTL index cannot be declared again with another expiry: a changed retention is applied with {@code collMod}
     * (MongoDB changes the TTL in place), or, on a server without it, by building the index anew.
     */
    private void declareRetention(IndexOperations indexes, Duration retention) {
        Optional<Duration> declared = retentionDeclared(indexes);
        if (declared.isPresent() && !declared.get().equals(retention)) {
            try {
                mongo.executeCommand(new Document("collMod", COLLECTION).append("index",
                        new Document("name", RETENTION_INDEX).append("expireAfterSeconds", retention.toSeconds())));
            } catch (RuntimeException noCollMod) {
                log.debug("collMod not available, rebuilding {}: {}", RETENTION_INDEX, noCollMod.toString());
            }
            if (!retentionDeclared(indexes).equals(Optional.of(retention))) {
                indexes.dropIndex(RETENTION_INDEX);
            }
        }
        indexes.createIndex(new Index().on("at", Sort.Direction.ASC).expire(retention).named(RETENTION_INDEX));
        log.debug("{} keeps marks for {}", COLLECTION, retention);
    }

    private static Optional<Duration> retentionDeclared(IndexOperations indexes) {
        return indexes.getIndexInfo().stream().filter(index -> RETENTION_INDEX.equals(index.getName()))
                .findFirst().flatMap(IndexInfo::getExpireAfter);
    }

    public boolean isProcessed(String consumer, String eventId) {
        return mongo.exists(new Query(Criteria.where("consumer").is(consumer).and("eventId").is(eventId)), COLLECTION);
    }

    public void markProcessed(String consumer, String eventId) {
        try {
            mongo.insert(new Document("consumer", consumer).append("eventId", eventId).append("at", Instant.now()),
                    COLLECTION);
        } catch (DuplicateKeyException alreadyMarked) {
            log.debug("{} already marked {}", consumer, eventId);
        }
    }

    /** Runs {@code effect} unless {@code consumer} already handled this event; returns whether it ran. */
    public boolean handleOnce(String consumer, SpecificRecord event, Runnable effect) {
        String eventId = EventHeaders.of(event).getEventId();
        if (isProcessed(consumer, eventId)) {
            log.debug("{} skips duplicate {} {}", consumer, event.getSchema().getName(), eventId);
            return false;
        }
        effect.run();
        markProcessed(consumer, eventId);
        return true;
    }
}
