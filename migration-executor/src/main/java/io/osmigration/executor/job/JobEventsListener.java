package io.osmigration.executor.job;

import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.osmigration.events.DisksRolledBack;
import io.osmigration.events.EventHeader;
import io.osmigration.events.PrecheckFailed;
import io.osmigration.events.PrecheckPassed;
import io.osmigration.events.SnapshotCreationFailed;
import io.osmigration.events.SnapshotInfo;
import io.osmigration.events.SnapshotReleased;
import io.osmigration.events.SnapshotsCreated;
import io.osmigration.executor.domain.SnapshotRef;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.platform.idempotency.ProcessedEvents;

/** Unwraps precheck and snapshot outcomes and hands them to the job service, once per event. */
@Component
class JobEventsListener {

    private static final String CONSUMER = "migration-executor.jobs";

    private final JobService jobs;
    private final ProcessedEvents processed;

    JobEventsListener(JobService jobs, ProcessedEvents processed) {
        this.jobs = jobs;
        this.processed = processed;
    }

    @KafkaListener(topics = {"#{T(io.osmigration.schemas.Topics).PRECHECKS.name()}",
            "#{T(io.osmigration.schemas.Topics).SNAPSHOTS.name()}"}, groupId = "${spring.application.name}")
    void on(SpecificRecord event) {
        if (event instanceof PrecheckPassed e) {
            processed.handleOnce(CONSUMER, e, () -> jobs.precheckPassed(about(e, e.getSourceId()), e.getFindings()));
        } else if (event instanceof PrecheckFailed e) {
            processed.handleOnce(CONSUMER, e, () -> jobs.precheckFailed(about(e, e.getSourceId()), e.getFindings()));
        } else if (event instanceof SnapshotsCreated e) {
            processed.handleOnce(CONSUMER, e, () -> jobs.snapshotsCreated(about(e, e.getSourceId()),
                    snapshots(e.getSnapshots())));
        } else if (event instanceof SnapshotCreationFailed e) {
            processed.handleOnce(CONSUMER, e, () -> jobs.snapshotsFailed(about(e, e.getSourceId()), e.getReason()));
        } else if (event instanceof DisksRolledBack e) {
            processed.handleOnce(CONSUMER, e, () -> jobs.disksRolledBack(about(e, e.getSourceId()), e.getRestoredOs()));
        } else if (event instanceof SnapshotReleased e) {
            processed.handleOnce(CONSUMER, e, () -> jobs.snapshotsReleased(about(e, e.getSourceId())));
        }
    }

    private static List<SnapshotRef> snapshots(List<SnapshotInfo> infos) {
        return infos.stream().map(info -> new SnapshotRef(info.getSnapshotId(), info.getSnapshotName(),
                info.getDiskId(), info.getDiskType(), info.getSizeGiB(), SnapshotRef.AVAILABLE)).toList();
    }

    private static JobService.Correlation about(SpecificRecord event, String sourceId) {
        EventHeader header = EventHeaders.of(event);
        return new JobService.Correlation(header.getEventId(), header.getJobId(), sourceId);
    }
}
