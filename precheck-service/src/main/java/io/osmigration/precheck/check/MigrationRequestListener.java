package io.osmigration.precheck.check;

import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.osmigration.events.EventHeader;
import io.osmigration.events.JobReleased;
import io.osmigration.events.MigrationRequested;
import io.osmigration.events.MigrationTarget;
import io.osmigration.platform.idempotency.ProcessedEvents;
import io.osmigration.platform.kafka.InvalidEventException;

/**
 * osm.migration.requests → a check per released job. The executor releases a job with {@code JobReleased}; until
 * every executor does, the legacy form is accepted too: a {@code MigrationRequested} with {@code header.jobId} and
 * exactly one target. A MigrationRequested without a jobId is a batch submitted by another system: the executor's
 * business, never a job.
 */
@Component
class MigrationRequestListener {

    private static final String CONSUMER = "precheck-job-requests";

    private final ProcessedEvents processedEvents;
    private final PrecheckService precheckService;

    MigrationRequestListener(ProcessedEvents processedEvents, PrecheckService precheckService) {
        this.processedEvents = processedEvents;
        this.precheckService = precheckService;
    }

    @KafkaListener(topics = "osm.migration.requests", groupId = "${spring.application.name}")
    void on(SpecificRecord event) {
        if (event instanceof JobReleased released) {
            JobCheckRequest request = fromRelease(released);
            processedEvents.handleOnce(CONSUMER, released, () -> precheckService.startForJob(request));
        } else if (event instanceof MigrationRequested requested && requested.getHeader().getJobId() != null) {
            JobCheckRequest request = fromLegacyRelease(requested);
            processedEvents.handleOnce(CONSUMER, requested, () -> precheckService.startForJob(request));
        }
    }

    private static JobCheckRequest fromRelease(JobReleased released) {
        EventHeader header = released.getHeader();
        if (header.getJobId() == null || header.getJobId().isBlank()) {
            throw new InvalidEventException("JobReleased " + header.getEventId() + " has no header.jobId");
        }
        if (released.getDestinationOs().isBlank()) {
            throw new InvalidEventException("Job " + header.getJobId() + " names no destinationOs");
        }
        if (released.getSourceId().isBlank()) {
            throw new InvalidEventException("Job " + header.getJobId() + " names no sourceId");
        }
        return new JobCheckRequest(header.getEventId(), header.getBatchId(), header.getJobId(),
                released.getSourceId(), released.getInstanceId(), released.getRegionId(),
                released.getDestinationOs(), released.getAutoRemediate());
    }

    private static JobCheckRequest fromLegacyRelease(MigrationRequested requested) {
        EventHeader header = requested.getHeader();
        if (requested.getTargets().size() != 1) {
            throw new InvalidEventException("A released job carries exactly one target, this one has "
                    + requested.getTargets().size());
        }
        MigrationTarget target = requested.getTargets().get(0);
        String destination = target.getDestinationOs() != null ? target.getDestinationOs() : requested.getDestinationOs();
        if (destination == null || destination.isBlank()) {
            throw new InvalidEventException("Job " + header.getJobId() + " names no destinationOs");
        }
        List<String> autoRemediate = requested.getAutoRemediate();
        return new JobCheckRequest(header.getEventId(), header.getBatchId(), header.getJobId(), target.getSourceId(),
                target.getInstanceId(), target.getRegionId(), destination, autoRemediate);
    }
}
