package io.osmigration.notification.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.osmigration.events.EventHeader;
import io.osmigration.events.MigrationControlRequested;
import io.osmigration.events.MigrationRequested;
import io.osmigration.events.MigrationTarget;
import io.osmigration.notification.notify.NotificationService;
import io.osmigration.platform.idempotency.ProcessedEvents;

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

    @KafkaListener(topics = {"#{T(io.osmigration.schemas.Topics).PRECHECKS.name()}",
            "#{T(io.osmigration.schemas.Topics).SNAPSHOTS.name()}",
            "#{T(io.osmigration.schemas.Topics).MIGRATIONS.name()}"}, groupId = "${spring.application.name}")
    void onJobEvent(SpecificRecord event) {
        EventMapping.toJobEvent(event).ifPresent(jobEvent ->
                processedEvents.handleOnce(CONSUMER, event, () -> service.onJobEvent(jobEvent)));
    }

    /**
     * Batch membership: the executor releases each job as a MigrationRequested with job and batch ids; a batch
     * submitted as an event (no job id) tells how many jobs it will have; a PAUSE asks for a digest now.
     */
    @KafkaListener(topics = "#{T(io.osmigration.schemas.Topics).MIGRATION_REQUESTS.name()}",
            groupId = "${spring.application.name}")
    void onRequest(SpecificRecord event) {
        if (event instanceof MigrationRequested request) {
            EventHeader header = request.getHeader();
            if (header.getJobId() != null && header.getBatchId() != null) {
                MigrationTarget target = request.getTargets().isEmpty() ? null : request.getTargets().get(0);
                processedEvents.handleOnce(CONSUMER, event, () -> service.onJobReleased(header.getBatchId(),
                        header.getJobId(), target == null ? null : target.getSourceId(),
                        target == null ? null : target.getInstanceId(),
                        target == null || target.getDestinationOs() == null ? request.getDestinationOs()
                                : target.getDestinationOs(), request.getDrillMode(), header.getOccurredAt()));
            } else if (header.getJobId() == null && !request.getTargets().isEmpty()) {
                String batchId = header.getBatchId() != null ? header.getBatchId() : batchId(request.getRequestId());
                processedEvents.handleOnce(CONSUMER, event,
                        () -> service.onBatchSubmitted(batchId, request.getTargets().size()));
            }
        } else if (event instanceof MigrationControlRequested control
                && "PAUSE".equals(control.getAction().toUpperCase(Locale.ROOT)) && control.getJobId() == null) {
            processedEvents.handleOnce(CONSUMER, event,
                    () -> service.onBatchPaused(control.getBatchId(), control.getHeader().getEventId()));
        }
    }

    /** The executor's batch id for a request id (docs/architecture.md): {@code b-} + 20 hex of SHA-256. */
    static String batchId(String requestId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("request:" + requestId).getBytes(StandardCharsets.UTF_8));
            return "b-" + HexFormat.of().formatHex(hash).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
