package io.osmigration.platform.testapp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.specific.SpecificRecord;
import org.bson.Document;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.osmigration.events.SourceImported;
import io.osmigration.platform.idempotency.ProcessedEvents;
import io.osmigration.platform.kafka.InvalidEventException;

/** Records one "effect" document per handled event, so tests can count effects. */
@Component
class EffectsListener {

    /** How often an {@code s-flaky-*} source fails before it is handled. */
    static final int FLAKY_FAILURES = 4;

    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final ProcessedEvents processedEvents;
    private final MongoTemplate mongo;

    EffectsListener(ProcessedEvents processedEvents, MongoTemplate mongo) {
        this.processedEvents = processedEvents;
        this.mongo = mongo;
    }

    @KafkaListener(topics = {"osm.sources", "osm.migration.requests", "osm.migration.replies", "osm.prechecks",
            "osm.snapshots", "osm.migrations", "osm.audit"},
            groupId = "platform-test")
    void on(SpecificRecord event) {
        if (event instanceof SourceImported imported && "s-invalid".equals(imported.getSourceId())) {
            throw new InvalidEventException("source s-invalid is not acceptable");
        }
        if (event instanceof SourceImported imported && imported.getSourceId().startsWith("s-flaky-")
                && failures.merge(imported.getSourceId(), 1, Integer::sum) <= FLAKY_FAILURES) {
            // Fails like a listener whose database is briefly away; more times than the quick retries allow.
            throw new DataAccessResourceFailureException("MongoDB is away for " + imported.getSourceId());
        }
        processedEvents.handleOnce("platform-test", event, () -> mongo.insert(
                new Document("type", event.getSchema().getName()).append("event", event.toString()), "effects"));
    }
}
