package io.osmigration.notification.intake;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.osmigration.events.BatchAccepted;
import io.osmigration.events.BatchFinished;
import io.osmigration.events.BatchPaused;
import io.osmigration.events.BatchResumed;
import io.osmigration.events.EventHeader;
import io.osmigration.events.JobReleased;
import io.osmigration.events.MigrationRequested;
import io.osmigration.events.MigrationTarget;
import io.osmigration.notification.notify.NotificationService;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.platform.idempotency.ProcessedEvents;
import io.osmigration.platform.kafka.InvalidEventException;

/** Unwraps the events people may need to hear about and hands them to {@link NotificationService}. */
@Component
class EventListener {

    static final String CONSUMER = "notification-service";

    private final NotificationService service;
    private final ProcessedEvents processedEvents;

    EventListener(NotificationService service, ProcessedEvents processedEvents) {
        this.service = service;
        this.processedEvents = processedEvents;
    }

    /** Per-job events on all three topics, and on osm.migrations the executor's batch events. */
    @KafkaListener(topics = {"#{T(io.osmigration.schemas.Topics).PRECHECKS.name()}",
            "#{T(io.osmigration.schemas.Topics).SNAPSHOTS.name()}",
            "#{T(io.osmigration.schemas.Topics).MIGRATIONS.name()}"}, groupId = "${spring.application.name}")
    void onJobEvent(SpecificRecord event) {
        if (isBatchEvent(event)) {
            onBatchEvent(event);
            return;
        }
        EventMapping.toJobEvent(event).ifPresent(jobEvent ->
                processedEvents.handleOnce(CONSUMER, event, () -> service.onJobEvent(jobEvent)));
    }

    private static boolean isBatchEvent(SpecificRecord event) {
        return event instanceof BatchAccepted || event instanceof BatchPaused || event instanceof BatchResumed
                || event instanceof BatchFinished;
    }

    /**
     * What the executor says about a batch as a whole. BatchCancelled needs no message of its own: BatchFinished
     * (state CANCELLED) follows once the batch's last job ended, and its digest says what became of each.
     */
    private void onBatchEvent(SpecificRecord event) {
        EventHeader header = EventHeaders.of(event);
        String eventId = header.getEventId();
        if (event instanceof BatchAccepted accepted) {
            processedEvents.handleOnce(CONSUMER, event, () -> service.onBatchAccepted(accepted.getBatchId(),
                    accepted.getTotal(), header.getOccurredAt()));
        } else if (event instanceof BatchPaused paused) {
            processedEvents.handleOnce(CONSUMER, event, () -> service.onBatchPaused(eventId, paused.getBatchId(),
                    paused.getBy(), paused.getReason()));
        } else if (event instanceof BatchResumed resumed) {
            processedEvents.handleOnce(CONSUMER, event, () -> service.onBatchResumed(eventId, resumed.getBatchId(),
                    resumed.getBy()));
        } else if (event instanceof BatchFinished finished) {
            if (finished.getTotal() < 0) {
                throw new InvalidEventException("BatchFinished " + eventId + " of " + finished.getBatchId()
                        + " has a negative total " + finished.getTotal());
            }
            processedEvents.handleOnce(CONSUMER, event, () -> service.onBatchFinished(eventId,
                    finished.getBatchId(), finished.getState(), finished.getTotal(), finished.getCounts()));
        }
    }

    /**
     * Batch membership: the executor releases each job with JobReleased (job and batch ids in the header). During
     * the change an executor may still release a job as a MigrationRequested with a job id and one target; a
     * MigrationRequested without job id is a submission the executor answers, nothing to track here.
     */
    @KafkaListener(topics = "#{T(io.osmigration.schemas.Topics).MIGRATION_REQUESTS.name()}",
            groupId = "${spring.application.name}")
    void onRequest(SpecificRecord event) {
        if (event instanceof JobReleased released) {
            EventHeader header = released.getHeader();
            if (header.getJobId() != null && header.getBatchId() != null) {
                processedEvents.handleOnce(CONSUMER, event, () -> service.onJobReleased(header.getBatchId(),
                        header.getJobId(), released.getSourceId(), released.getInstanceId(),
                        released.getDestinationOs(), released.getDrillMode(), header.getOccurredAt()));
            }
        } else if (event instanceof MigrationRequested request) {
            EventHeader header = request.getHeader();
            if (header.getJobId() != null && header.getBatchId() != null) {
                MigrationTarget target = request.getTargets().isEmpty() ? null : request.getTargets().get(0);
                processedEvents.handleOnce(CONSUMER, event, () -> service.onJobReleased(header.getBatchId(),
                        header.getJobId(), target == null ? null : target.getSourceId(),
                        target == null ? null : target.getInstanceId(),
                        target == null || target.getDestinationOs() == null ? request.getDestinationOs()
                                : target.getDestinationOs(), request.getDrillMode(), header.getOccurredAt()));
            }
        }
    }
}
