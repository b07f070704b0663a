package io.osmigration.platform.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
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
 * before the relay ran fails its optimistic-lock check instead of putting sent messages back.
 *
 * <p>The relay runs when a write wakes it: {@link #wakeUp()}, called by services after an update that queued
 * messages, and by {@link OutboxWriteListener} after every save of a document with messages; otherwise it polls
 * slowly ({@code osm.outbox.poll-interval}) for what no write announced. Pending documents are found through the
 * {@value #PENDING_INDEX} index on {@code outbox.eventId}, which holds entries only for queued messages, so a round
 * costs the same however many documents a collection has. Every replica runs a relay; a replica relays only the
 * documents it has claimed ({@link OutboxClaims}), so two replicas never send the same document at once and its
 * messages leave in order, and the documents of a replica that died are claimed by another once its claims expire.
 */
public class OutboxRelay extends BackgroundLoop {

    static final String PENDING_INDEX = "outbox_pending";
    /** Documents with at least one queued message: matches exactly the entries of the pending index. */
    private static final String PENDING_FIELD = "outbox.eventId";

    private final MongoTemplate mongo;
    private final EventPublisher publisher;
    private final OutboxProperties properties;
    private final OutboxClaims claims;
    private final AtomicLong relayed = new AtomicLong();

    public OutboxRelay(MongoTemplate mongo, EventPublisher publisher, OutboxProperties properties) {
        super("outbox-relay");
        this.mongo = mongo;
        this.publisher = publisher;
        this.properties = properties;
        this.claims = new OutboxClaims(mongo, "outbox-relay-" + UUID.randomUUID(), properties.claimTimeout());
        for (String collection : properties.collections()) {
            mongo.indexOps(collection).createIndex(new Index().on(PENDING_FIELD, Sort.Direction.ASC)
                    .named(PENDING_INDEX));
        }
    }

    /** One pass over every outbox collection; returns how many messages were sent. */
    @Override
    public int runOnce() {
        int sent = 0;
        for (String collection : properties.collections()) {
            sent += relayPending(collection);
        }
        return sent;
    }

    /** Messages this relay has sent since it started. */
    public long relayed() {
        return relayed.get();
    }

    private int relayPending(String collection) {
        Query pending = new Query(pending()).limit(properties.batchSize());
        pending.fields().include("_id");
        List<Object> ids = mongo.find(pending, Document.class, collection).stream()
                .map(document -> document.get("_id")).toList();
        if (ids.isEmpty()) {
            return 0;
        }
        OutboxClaims.Claim claim = claims.claim(collection, ids);
        try {
            return claim.ids().isEmpty() ? 0 : relay(collection, claim.ids());
        } finally {
            claims.release(claim);
        }
    }

    /** Reads the claimed documents again: until the claim was ours, another replica may have relayed them. */
    private int relay(String collection, List<Object> claimedIds) {
        Query claimed = new Query(Criteria.where("_id").in(claimedIds).andOperator(pending()));
        claimed.fields().include("outbox");
        List<Document> documents = mongo.find(claimed, Document.class, collection);
        List<CompletableFuture<?>> sends = new ArrayList<>();
        BulkOperations pulls = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        int messages = 0;
        for (Document document : documents) {
            List<Object> eventIds = new ArrayList<>();
            for (Document message : document.getList("outbox", Document.class, List.of())) {
                sends.add(publisher.send(message.getString("topic"), message.getString("key"), payload(message),
                        message.getString("eventId"), message.getString("type"), message.getString("producer"),
                        occurredAt(message)));
                eventIds.add(message.getString("eventId"));
            }
            pulls.updateOne(new Query(Criteria.where("_id").is(document.get("_id"))), new Update()
                    .pull("outbox", new Document("eventId", new Document("$in", eventIds))).inc("version", 1));
            messages += eventIds.size();
        }
        if (messages == 0) {
            return 0;
        }
        awaitAcknowledgements(sends);
        pulls.execute();
        relayed.addAndGet(messages);
        return messages;
    }

    /** Waits for the broker, but not beyond half the claim: after that another replica may take the documents. */
    private void awaitAcknowledgements(List<CompletableFuture<?>> sends) {
        long timeout = properties.claimTimeout().toMillis() / 2;
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the outbox messages within " + timeout + " ms");
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused an outbox message: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    private static Criteria pending() {
        return Criteria.where(PENDING_FIELD).gt("");
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
