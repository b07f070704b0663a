package io.osmigration.executor.eventlog;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the event history from the topics themselves, in its own consumer group: what the executor produced (through
 * its outbox) and what it consumed land here alike, each once.
 */
@Component
class EventLogListener {

    private final EventLog log;

    EventLogListener(EventLog log) {
        this.log = log;
    }

    @KafkaListener(topics = {"#{T(io.osmigration.schemas.Topics).MIGRATION_REQUESTS.name()}",
            "#{T(io.osmigration.schemas.Topics).PRECHECKS.name()}",
            "#{T(io.osmigration.schemas.Topics).SNAPSHOTS.name()}",
            "#{T(io.osmigration.schemas.Topics).MIGRATIONS.name()}"},
            groupId = "${spring.application.name}-eventlog")
    void on(ConsumerRecord<String, SpecificRecord> record) {
        if (record.value() != null) {
            log.record(record.topic(), record.key(), record.value());
        }
    }
}
