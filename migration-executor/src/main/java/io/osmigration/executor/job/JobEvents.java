package io.osmigration.executor.job;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.osmigration.events.DrillCompleted;
import io.osmigration.events.EventHeader;
import io.osmigration.events.MigrationCompleted;
import io.osmigration.events.MigrationFailed;
import io.osmigration.events.MigrationRequested;
import io.osmigration.events.MigrationStepDone;
import io.osmigration.events.MigrationTarget;
import io.osmigration.executor.MigrationExecutorApplication;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.platform.outbox.OutboxMessage;

/**
 * The events a job emits, with deterministic ids derived from (job, fact): if a crash makes the executor write one
 * twice, consumers drop the copy. Each is appended to the job's outbox, to be saved with the state change.
 */
final class JobEvents {

    private final Clock clock;

    JobEvents(Clock clock) {
        this.clock = clock;
    }

    void released(JobDocument job, BatchDocument batch) {
        MigrationTarget target = MigrationTarget.newBuilder().setSourceId(job.sourceId).setJobId(job.id)
                .setInstanceId(job.instanceId).setRegionId(job.regionId).setDestinationOs(job.destinationOs).build();
        MigrationRequested event = MigrationRequested.newBuilder()
                .setHeader(header(job, "released"))
                .setRequestId(batch.requestId)
                .setDrillMode(job.drillMode)
                .setDestinationOs(job.destinationOs)
                .setAcknowledgeRisks(true)
                .setMaxParallel(batch.maxParallel)
                .setFailureThresholdPercent(batch.failureThresholdPercent)
                .setTargets(List.of(target))
                .build();
        append(job, event.getHeader(), event);
    }

    void stepDone(JobDocument job, StepRecord step) {
        MigrationStepDone event = MigrationStepDone.newBuilder()
                .setHeader(header(job, "step:" + step.name))
                .setSourceId(job.sourceId).setInstanceId(job.instanceId)
                .setStep(step.name).setStatus(step.status)
                .setStartedAt(step.startedAt == null ? clock.instant() : step.startedAt)
                .setFinishedAt(step.finishedAt == null ? clock.instant() : step.finishedAt)
                .setExitCode(step.exitCode)
                .setOutputExcerpt(step.output)
                .build();
        append(job, event.getHeader(), event);
    }

    void drillCompleted(JobDocument job, List<FindingRecord> items, boolean critical) {
        DrillCompleted event = DrillCompleted.newBuilder()
                .setHeader(header(job, "drill"))
                .setSourceId(job.sourceId).setInstanceId(job.instanceId).setDestinationOs(job.destinationOs)
                .setItems(items.stream().map(FindingRecord::toEvent).toList())
                .setCritical(critical)
                .build();
        append(job, event.getHeader(), event);
    }

    void completed(JobDocument job) {
        MigrationCompleted event = MigrationCompleted.newBuilder()
                .setHeader(header(job, "completed"))
                .setSourceId(job.sourceId).setInstanceId(job.instanceId).setDestinationOs(job.destinationOs)
                .setResultingOs(job.resultingOs)
                .build();
        append(job, event.getHeader(), event);
    }

    void failed(JobDocument job, String step, String reason, boolean rollbackRequired) {
        MigrationFailed event = MigrationFailed.newBuilder()
                .setHeader(header(job, "failed"))
                .setSourceId(job.sourceId).setInstanceId(job.instanceId).setRegionId(job.regionId)
                .setDestinationOs(job.destinationOs)
                .setStep(step).setReason(reason).setRollbackRequired(rollbackRequired)
                .build();
        append(job, event.getHeader(), event);
    }

    private EventHeader header(JobDocument job, String fact) {
        return EventHeaders.deterministic(MigrationExecutorApplication.SERVICE_NAME, job.id + ":" + fact, job.batchId,
                job.id, job.lastEventId, clock);
    }

    private static void append(JobDocument job, EventHeader header, org.apache.avro.specific.SpecificRecord event) {
        job.outbox.add(OutboxMessage.of(job.sourceId, event));
        job.lastEventId = header.getEventId();
    }

    Instant now() {
        return clock.instant();
    }
}
