package io.osmigration.executor.batch;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.osmigration.events.MigrationControlRequested;
import io.osmigration.events.MigrationRequested;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.platform.idempotency.ProcessedEvents;

/**
 * Batches and controls submitted by other systems on {@code osm.migration.requests}. MigrationRequested records
 * that carry a jobId are the executor's own job releases (for precheck-service) and are ignored here.
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
    void on(SpecificRecord event) {
        if (event instanceof MigrationRequested requested) {
            if (EventHeaders.of(requested).getJobId() != null) {
                return;
            }
            processed.handleOnce(CONSUMER, requested, () -> submissions.submit(requested));
        } else if (event instanceof MigrationControlRequested control) {
            processed.handleOnce(CONSUMER, control, () -> submissions.control(control));
        }
    }

}
