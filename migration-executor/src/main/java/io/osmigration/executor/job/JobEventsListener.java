package io.osmigration.executor.job;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.osmigration.events.DisksRolledBack;
import io.osmigration.events.EventHeader;
import io.osmigration.events.PrecheckFailed;
import io.osmigration.events.PrecheckPassed;
import io.osmigration.events.SnapshotCreationFailed;
import io.osmigration.events.SnapshotReleased;
import io.osmigration.events.SnapshotsCreated;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.platform.idempotency.ProcessedEvents;

/** Unwraps precheck and snapshot outcomes and hands them to the job saga, once per event. */
@Component
class JobEventsListener {

    private static final String CONSUMER = "migration-executor.jobs";

    private final JobSaga saga;
    private final ProcessedEvents processed;

    JobEventsListener(JobSaga saga, ProcessedEvents processed) {
        this.saga = saga;
        this.processed = processed;
    }

    @KafkaListener(topics = {"#{T(io.osmigration.schemas.Topics).PRECHECKS.name()}",
            "#{T(io.osmigration.schemas.Topics).SNAPSHOTS.name()}"}, groupId = "${spring.application.name}")
    void on(SpecificRecord event) {
        if (event instanceof PrecheckPassed e) {
            processed.handleOnce(CONSUMER, e, () -> saga.precheckPassed(about(e, e.getSourceId()), e.getFindings()));
        } else if (event instanceof PrecheckFailed e) {
            processed.handleOnce(CONSUMER, e, () -> saga.precheckFailed(about(e, e.getSourceId()), e.getFindings()));
        } else if (event instanceof SnapshotsCreated e) {
            processed.handleOnce(CONSUMER, e, () -> saga.snapshotsCreated(about(e, e.getSourceId()), e.getSnapshots()));
        } else if (event instanceof SnapshotCreationFailed e) {
            processed.handleOnce(CONSUMER, e, () -> saga.snapshotCreationFailed(about(e, e.getSourceId()), e.getReason()));
        } else if (event instanceof DisksRolledBack e) {
            processed.handleOnce(CONSUMER, e, () -> saga.disksRolledBack(about(e, e.getSourceId()), e.getRestoredOs()));
        } else if (event instanceof SnapshotReleased e) {
            processed.handleOnce(CONSUMER, e, () -> saga.snapshotReleased(about(e, e.getSourceId())));
        }
    }

    private static JobSaga.Correlation about(SpecificRecord event, String sourceId) {
        EventHeader header = EventHeaders.of(event);
        return new JobSaga.Correlation(header.getEventId(), header.getJobId(), sourceId);
    }
}
