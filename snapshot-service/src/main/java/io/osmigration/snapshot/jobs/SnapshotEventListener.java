package io.osmigration.snapshot.jobs;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.osmigration.events.BatchCancelled;
import io.osmigration.events.EventHeader;
import io.osmigration.events.MigrationCompleted;
import io.osmigration.events.MigrationControlRequested;
import io.osmigration.events.MigrationFailed;
import io.osmigration.events.PrecheckPassed;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.platform.idempotency.ProcessedEvents;
import io.osmigration.platform.kafka.InvalidEventException;

/** Unwraps the events this service reacts to and hands each to {@link SnapshotJobs}. */
@Component
class SnapshotEventListener {

    private static final String CONSUMER = "snapshot-service";

    private final SnapshotJobs jobs;
    private final ProcessedEvents processedEvents;

    SnapshotEventListener(SnapshotJobs jobs, ProcessedEvents processedEvents) {
        this.jobs = jobs;
        this.processedEvents = processedEvents;
    }

    @KafkaListener(topics = "osm.prechecks", groupId = "${spring.application.name}")
    void onPrecheck(SpecificRecord event) {
        if (event instanceof PrecheckPassed passed) {
            EventHeader header = passed.getHeader();
            if (header.getJobId() == null) {
                return; // a precheck asked for outside a migration job: nothing to back up
            }
            processedEvents.handleOnce(CONSUMER, event, () -> jobs.backUp(new SnapshotJobs.BackupRequest(
                    header.getJobId(), header.getBatchId(), passed.getSourceId(), passed.getInstanceId(),
                    passed.getRegionId(), header.getEventId())));
        }
    }

    @KafkaListener(topics = "osm.migrations", groupId = "${spring.application.name}")
    void onMigration(SpecificRecord event) {
        if (event instanceof MigrationCompleted completed) {
            String jobId = jobIdOf(event);
            processedEvents.handleOnce(CONSUMER, event,
                    () -> jobs.migrationCompleted(jobId, completed.getHeader().getEventId()));
        } else if (event instanceof MigrationFailed failed) {
            String jobId = jobIdOf(event);
            processedEvents.handleOnce(CONSUMER, event, () -> jobs.migrationFailed(jobId,
                    failed.getRollbackRequired(), failed.getHeader().getEventId()));
        } else if (event instanceof BatchCancelled cancelled) {
            // The executor's batch event; the same cancellation may also come as a MigrationControlRequested CANCEL
            // (below): whichever comes first schedules the release, the other changes nothing.
            processedEvents.handleOnce(CONSUMER, event, () -> jobs.cancelled(cancelled.getBatchId(), null,
                    cancelled.getHeader().getEventId()));
        }
    }

    @KafkaListener(topics = "osm.migration.requests", groupId = "${spring.application.name}")
    void onMigrationRequest(SpecificRecord event) {
        if (event instanceof MigrationControlRequested control && "CANCEL".equals(control.getAction())) {
            processedEvents.handleOnce(CONSUMER, event, () -> jobs.cancelled(control.getBatchId(),
                    control.getJobId(), control.getHeader().getEventId()));
        }
    }

    private static String jobIdOf(SpecificRecord event) {
        String jobId = EventHeaders.of(event).getJobId();
        if (jobId == null || jobId.isBlank()) {
            throw new InvalidEventException(event.getSchema().getName() + " without header.jobId");
        }
        return jobId;
    }
}
