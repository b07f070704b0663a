package io.osmigration.platform.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import io.osmigration.platform.kafka.EventPublisher;
import io.osmigration.platform.work.BackgroundLoop;

/**
 * Relays outbox messages to Kafka, then removes them from their document.
 *
 * <p>A service writes its state and the events that change produces in one single-document update (no
 * multi-document transaction needed, which neither the embedded server nor a standalone MongoDB offers). This relay
 * finds documents with a non-empty {@code outbox}, sends each message, waits for the broker's acknowledgement and only
 * then pulls the message out. A crash in between sends a message again: delivery is at-least-once, and consumers drop
 * duplicates by event id. The pull also increments {@code version}, so a service still holding the document it read
 * before the relay ran fails its optimistic-lock check instead of putting sent messages back. Call {@link #wakeUp()}
 * after writing a document with new messages to have them sent now rather than at the next poll.
 */
public class OutboxRelay extends BackgroundLoop {

    private final MongoTemplate mongo;
    private final EventPublisher publisher;
    private final OutboxProperties properties;

    public OutboxRelay(MongoTemplate mongo, EventPublisher publisher, OutboxProperties properties) {
        super("outbox-relay");
        this.mongo = mongo;
        this.publisher = publisher;
        this.properties = properties;
    }

    /** One pass over every outbox collection; returns how many messages were sent. */
    @Override
    public int runOnce() {
        int sent = 0;
        for (String collection : properties.collections()) {
            Query pending = new Query(Criteria.where("outbox.0").exists(true)).limit(properties.batchSize());
            for (Document document : mongo.find(pending, Document.class, collection)) {
                sent += relay(collection, document);
            }
        }
        return sent;
    }

    private int relay(String collection, Document document) {
        List<Document> messages = document.getList("outbox", Document.class, List.of());
        List<CompletableFuture<?>> sends = new ArrayList<>();
        List<Object> eventIds = new ArrayList<>();
        for (Document message : messages) {
            sends.add(publisher.send(message.getString("topic"), message.getString("key"), payload(message),
                    message.getString("eventId"), message.getString("type"), message.getString("producer"),
                    occurredAt(message)));
            eventIds.add(message.getString("eventId"));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        mongo.updateFirst(new Query(Criteria.where("_id").is(document.get("_id"))),
                new Update().pull("outbox", new Document("eventId", new Document("$in", eventIds))).inc("version", 1),
                collection);
        return messages.size();
    }

    private static byte[] payload(Document message) {
        Object payload = message.get("payload");
        return payload instanceof Binary binary ? binary.getData() : (byte[]) payload;
    }

    private static Instant occurredAt(Document message) {
        Object value = message.get("occurredAt");
        return value instanceof java.util.Date date ? date.toInstant() : Instant.now();
    }

    @Override
    protected Duration idleWait() {
        return properties.pollInterval();
    }

    /** Nothing to relay without outbox collections: no thread either. */
    @Override
    public void start() {
        if (!properties.collections().isEmpty()) {
            super.start();
        }
    }

    /** Stop before the Kafka producer and the MongoDB client go away. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
