package io.osmigration.platform.testapp;

import org.apache.avro.specific.SpecificRecord;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.osmigration.events.SourceImported;
import io.osmigration.platform.idempotency.ProcessedEvents;
import io.osmigration.platform.kafka.InvalidEventException;

/** Records one "effect" document per handled event, so tests can count effects. */
@Component
class EffectsListener {

    private final ProcessedEvents processedEvents;
    private final MongoTemplate mongo;

    EffectsListener(ProcessedEvents processedEvents, MongoTemplate mongo) {
        this.processedEvents = processedEvents;
        this.mongo = mongo;
    }

    @KafkaListener(topics = {"osm.sources", "osm.migration.requests", "osm.migration.replies", "osm.prechecks",
            "osm.snapshots", "osm.migrations"},
            groupId = "platform-test")
    void on(SpecificRecord event) {
        if (event instanceof SourceImported imported && "s-invalid".equals(imported.getSourceId())) {
            throw new InvalidEventException("source s-invalid is not acceptable");
        }
        processedEvents.handleOnce("platform-test", event, () -> mongo.insert(
                new Document("type", event.getSchema().getName()).append("event", event.toString()), "effects"));
    }
}
