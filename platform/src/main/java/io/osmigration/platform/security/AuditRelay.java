package io.osmigration.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import io.osmigration.events.AuditRecorded;
import io.osmigration.events.EventHeader;
import io.osmigration.platform.kafka.EventPublisher;
import io.osmigration.platform.work.BackgroundLoop;

/**
 * Publishes audit records as {@code AuditRecorded} on {@code osm.audit}, then clears their {@code pending} flag (the
 * outbox pattern on the shared audit collection). Each service publishes the records it wrote once they are
 * complete; records left pending longer than {@code osm.security.audit.orphan-after} (their service stopped, or the
 * request never finished) are published by whichever service sees them, a never-finished one with outcome UNKNOWN.
 * The event id is the record id, so consumers drop the copies that two relays may send.
 */
public class AuditRelay extends BackgroundLoop {

    private static final int BATCH = 200;

    private final AuditTrail trail;
    private final EventPublisher publisher;
    private final Duration pollInterval;
    private final Duration orphanAfter;
    private final Clock clock;

    public AuditRelay(AuditTrail trail, EventPublisher publisher, SecurityProperties.Audit settings, Clock clock) {
        super("audit-relay");
        this.trail = trail;
        this.publisher = publisher;
        this.pollInterval = settings.pollInterval();
        this.orphanAfter = settings.orphanAfter();
        this.clock = clock;
        trail.onReady(this::wakeUp);
    }

    @Override
    public int runOnce() {
        MongoTemplate mongo = trail.mongo();
        Map<String, Document> due = new LinkedHashMap<>();
        Query mine = Query.query(Criteria.where("pending").is(true).and("service").is(trail.service())
                .and("outcome").ne(AuditEntry.PENDING)).with(Sort.by("at")).limit(BATCH);
        Query orphans = Query.query(Criteria.where("pending").is(true)
                .and("at").lt(Date.from(clock.instant().minus(orphanAfter)))).with(Sort.by("at")).limit(BATCH);
        for (Query query : List.of(mine, orphans)) {
            mongo.find(query, Document.class, AuditTrail.COLLECTION).forEach(d -> due.put(d.getString("_id"), d));
        }
        for (Document document : due.values()) {
            publish(mongo, document);
        }
        return due.size();
    }

    private void publish(MongoTemplate mongo, Document document) {
        AuditEntry entry = AuditTrail.toEntry(document);
        boolean unfinished = AuditEntry.PENDING.equals(entry.outcome());
        AuditRecorded event = toEvent(entry, unfinished ? AuditEntry.UNKNOWN : entry.outcome());
        String key = entry.resource() != null ? entry.resource() : entry.actor();
        publisher.publish(key, event).join();
        Update done = new Update().unset("pending").set("publishedAt", Date.from(clock.instant()));
        if (unfinished) {
            done.set("outcome", AuditEntry.UNKNOWN);
        }
        // Only if nothing finished the record meanwhile (finish sets pending again, so it is published once more).
        mongo.updateFirst(Query.query(Criteria.where("_id").is(entry.id()).and("outcome").is(entry.outcome())), done,
                AuditTrail.COLLECTION);
    }

    static AuditRecorded toEvent(AuditEntry entry, String outcome) {
        Instant at = entry.at() == null ? Instant.EPOCH : entry.at();
        EventHeader header = EventHeader.newBuilder().setEventId(entry.id()).setOccurredAt(at)
                .setProducer(entry.service() == null ? "unknown" : entry.service()).build();
        return AuditRecorded.newBuilder().setHeader(header).setAuditId(entry.id()).setActor(entry.actor())
                .setRole(entry.role()).setAction(entry.action()).setMethod(entry.method()).setPath(entry.path())
                .setResource(entry.resource()).setResourceIds(new ArrayList<>(entry.resourceIds()))
                .setOutcome(outcome).setStatus(entry.status()).setClientAddress(entry.clientAddress())
                .setRequestId(entry.requestId()).setService(entry.service() == null ? "unknown" : entry.service())
                .build();
    }

    @Override
    protected Duration idleWait() {
        return pollInterval;
    }

    /** Stop before the Kafka producer and the MongoDB client go away. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
