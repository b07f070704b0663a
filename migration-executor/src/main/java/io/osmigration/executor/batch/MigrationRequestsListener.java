package io.osmigration.executor.batch;

import java.nio.charset.StandardCharsets;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.osmigration.events.MigrationControlRequested;
import io.osmigration.events.MigrationRequested;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.platform.idempotency.ProcessedEvents;

/**
 * Batches and controls submitted by other systems on {@code osm.migration.requests}. Only MigrationRequested is a
 * submission; records of it with {@code header.jobId} set are job releases from before JobReleased existed, still in
 * the topic, and are ignored, as is the executor's own JobReleased. Who submitted is the record's {@code ce_source}.
 */
@Component
class MigrationRequestsListener {

    private static final String CONSUMER = "migration-executor.requests";

    private final KafkaSubmissions submissions;
    private final ProcessedEvents processed;

    MigrationRequestsListener(KafkaSubmissions submissions, ProcessedEvents processed) {
        this.submissions = submissions;
        this.processed = processed;
    }

    @KafkaListener(topics = "#{T(io.osmigration.schemas.Topics).MIGRATION_REQUESTS.name()}",
            groupId = "${spring.application.name}")
    void on(ConsumerRecord<String, SpecificRecord> record) {
        SpecificRecord event = record.value();
        if (event instanceof MigrationRequested requested && EventHeaders.of(requested).getJobId() == null) {
            processed.handleOnce(CONSUMER, requested, () -> submissions.submit(requested, by(record, event)));
        } else if (event instanceof MigrationControlRequested control) {
            processed.handleOnce(CONSUMER, control, () -> submissions.control(control, by(record, event)));
        }
    }

    private static String by(ConsumerRecord<String, SpecificRecord> record, SpecificRecord event) {
        Header source = record.headers().lastHeader("ce_source");
        if (source != null && source.value() != null && source.value().length > 0) {
            return new String(source.value(), StandardCharsets.UTF_8);
        }
        return EventHeaders.of(event).getProducer();
    }
}
