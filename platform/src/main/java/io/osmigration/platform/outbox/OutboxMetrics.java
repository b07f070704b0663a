package io.osmigration.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.osmigration.platform.metrics.CachedReading;

/**
 * The outbox in numbers, per collection: {@code osm_outbox_messages} (events written with their change and not yet
 * acknowledged by Kafka), {@code osm_outbox_oldest_age_seconds} (how long ago the oldest of them occurred: 0 when
 * none waits; a growing age means the relay cannot publish) and {@code osm_outbox_relayed_total} (messages this
 * replica's relay sent). The backlog is the database's, the same on every replica: aggregate with {@code max}.
 */
class OutboxMetrics implements MeterBinder {

    private static final Duration MAX_AGE = Duration.ofSeconds(5);

    private final MongoTemplate mongo;
    private final OutboxRelay relay;
    private final List<String> collections;
    private final Clock clock;
    private final CachedReading<Map<String, Backlog>> backlog;

    record Backlog(long messages, Instant oldest) {
    }

    OutboxMetrics(MongoTemplate mongo, OutboxRelay relay, List<String> collections, Clock clock) {
        this.mongo = mongo;
        this.relay = relay;
        this.collections = List.copyOf(collections);
        this.clock = clock;
        this.backlog = CachedReading.of(MAX_AGE, Map.of(), this::read);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String collection : collections) {
            Gauge.builder("osm.outbox.messages", this, m -> m.of(collection).messages())
                    .description("Outbox messages waiting to be published to Kafka").tag("collection", collection)
                    .register(registry);
            Gauge.builder("osm.outbox.oldest.age", this, m -> m.ageSeconds(collection)).baseUnit("seconds")
                    .description("Age of the oldest outbox message still waiting (0: none)")
                    .tag("collection", collection).register(registry);
        }
        FunctionCounter.builder("osm.outbox.relayed", relay, OutboxRelay::relayed)
                .description("Outbox messages this replica published to Kafka").register(registry);
    }

    private Backlog of(String collection) {
        return backlog.get().getOrDefault(collection, new Backlog(0, null));
    }

    private double ageSeconds(String collection) {
        Instant oldest = of(collection).oldest();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    private Map<String, Backlog> read() {
        Map<String, Backlog> result = new HashMap<>();
        for (String collection : collections) {
            // Only documents in the pending index are read (see OutboxRelay), then their queued messages counted.
            List<Document> pipeline = List.of(
                    new Document("$match", new Document("outbox.eventId", new Document("$exists", true))),
                    new Document("$unwind", "$outbox"),
                    new Document("$group", new Document("_id", null).append("messages", new Document("$sum", 1))
                            .append("oldest", new Document("$min", "$outbox.occurredAt"))));
            Document row = mongo.getCollection(collection).aggregate(pipeline).first();
            if (row != null) {
                Object oldest = row.get("oldest");
                result.put(collection, new Backlog(((Number) row.get("messages")).longValue(),
                        oldest instanceof Date date ? date.toInstant() : null));
            }
        }
        return result;
    }
}
