package io.osmigration.platform.idempotency;

import java.time.Instant;

import org.apache.avro.specific.SpecificRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
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
 */
public class ProcessedEvents {

    public static final String COLLECTION = "processed_events";
    private static final Logger log = LoggerFactory.getLogger(ProcessedEvents.class);

    private final MongoTemplate mongo;

    public ProcessedEvents(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("consumer", Sort.Direction.ASC)
                .on("eventId", Sort.Direction.ASC).unique().named("consumer_eventId_unique"));
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
