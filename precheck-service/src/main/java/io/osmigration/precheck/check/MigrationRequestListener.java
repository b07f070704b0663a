package io.osmigration.precheck.check;

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
 * osm.migration.requests → a check per released job. Requests without a jobId are batch submissions for the
 * executor and are not ours.
 */
@Component
class MigrationRequestListener {

    private final ProcessedEvents processedEvents;
    private final PrecheckService precheckService;

    MigrationRequestListener(ProcessedEvents processedEvents, PrecheckService precheckService) {
        this.processedEvents = processedEvents;
        this.precheckService = precheckService;
    }

    @KafkaListener(topics = "osm.migration.requests", groupId = "${spring.application.name}")
    void on(SpecificRecord event) {
        if (event instanceof JobReleased released) {
            processedEvents.handleOnce("precheck-job-requests", released,
                    () -> precheckService.startForJob(toRequest(released)));
            return;
        }
        if (!(event instanceof MigrationRequested requested) || requested.getHeader().getJobId() == null) {
            return;
        }
        processedEvents.handleOnce("precheck-job-requests", requested,
                () -> precheckService.startForJob(toRequest(requested)));
    }

    /** The executor's job release since JobReleased exists (MigrationRequested with a jobId before it). */
    private static JobCheckRequest toRequest(JobReleased released) {
        EventHeader header = released.getHeader();
        return new JobCheckRequest(header.getEventId(), header.getBatchId(), header.getJobId(),
                released.getSourceId(), released.getInstanceId(), released.getRegionId(), released.getDestinationOs());
    }

    private static JobCheckRequest toRequest(MigrationRequested requested) {
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
        return new JobCheckRequest(header.getEventId(), header.getBatchId(), header.getJobId(), target.getSourceId(),
                target.getInstanceId(), target.getRegionId(), destination);
    }
}
