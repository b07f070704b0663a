package io.osmigration.executor.job;

import java.time.Clock;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import io.osmigration.events.DrillCompleted;
import io.osmigration.events.EventHeader;
import io.osmigration.events.JobReleased;
import io.osmigration.events.MigrationCompleted;
import io.osmigration.events.MigrationFailed;
import io.osmigration.events.MigrationStepDone;
import io.osmigration.executor.MigrationExecutorApplication;
import io.osmigration.executor.domain.Finding;
import io.osmigration.executor.domain.Job;
import io.osmigration.executor.domain.JobEvent;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.platform.outbox.OutboxMessage;

/**
 * The Avro events of a job's domain events, with ids derived from (job, fact): if a crash makes the executor write
 * one twice, consumers drop the copy. Keyed by source id.
 */
final class JobEventMapper {

    private final Clock clock;

    JobEventMapper(Clock clock) {
        this.clock = clock;
    }

    List<OutboxMessage> toOutbox(Job job, List<JobEvent> events) {
        return events.stream().map(event -> OutboxMessage.of(job.sourceId(), toAvro(job, event))).toList();
    }

    SpecificRecord toAvro(Job job, JobEvent event) {
        EventHeader header = EventHeaders.deterministic(MigrationExecutorApplication.SERVICE_NAME,
                job.jobId() + ":" + event.fact(), job.batchId(), job.jobId(), job.lastEventId(), clock);
        if (event instanceof JobEvent.Released) {
            return JobReleased.newBuilder().setHeader(header)
                    .setRequestId(job.requestId()).setSourceId(job.sourceId()).setInstanceId(job.instanceId())
                    .setRegionId(job.regionId()).setDestinationOs(job.destinationOs())
                    .setDrillMode(job.drillMode().name()).setAutoRemediate(job.autoRemediate()).build();
        }
        if (event instanceof JobEvent.StepDone done) {
            return MigrationStepDone.newBuilder().setHeader(header)
                    .setSourceId(job.sourceId()).setInstanceId(job.instanceId())
                    .setStep(done.step().name()).setStatus(done.step().status().name())
                    .setStartedAt(done.step().startedAt() == null ? clock.instant() : done.step().startedAt())
                    .setFinishedAt(done.step().finishedAt() == null ? clock.instant() : done.step().finishedAt())
                    .setExitCode(done.step().exitCode())
                    .setOutputExcerpt(done.step().output())
                    .build();
        }
        if (event instanceof JobEvent.DrillCompleted drill) {
            return DrillCompleted.newBuilder().setHeader(header)
                    .setSourceId(job.sourceId()).setInstanceId(job.instanceId())
                    .setDestinationOs(job.destinationOs())
                    .setItems(drill.items().stream().map(JobEventMapper::finding).toList())
                    .setCritical(drill.critical())
                    .build();
        }
        if (event instanceof JobEvent.Completed) {
            return MigrationCompleted.newBuilder().setHeader(header)
                    .setSourceId(job.sourceId()).setInstanceId(job.instanceId())
                    .setDestinationOs(job.destinationOs()).setResultingOs(job.resultingOs())
                    .build();
        }
        JobEvent.Failed failed = (JobEvent.Failed) event;
        return MigrationFailed.newBuilder().setHeader(header)
                .setSourceId(job.sourceId()).setInstanceId(job.instanceId()).setRegionId(job.regionId())
                .setDestinationOs(job.destinationOs()).setStep(failed.step())
                .setReason(failed.reason() == null ? "" : failed.reason())
                .setRollbackRequired(failed.rollbackRequired())
                .build();
    }

    static io.osmigration.events.Finding finding(Finding finding) {
        return io.osmigration.events.Finding.newBuilder().setCode(finding.code()).setSeverity(finding.severity())
                .setTitle(finding.title()).setDetail(finding.detail() == null ? "" : finding.detail())
                .setRemediationHint(finding.remediationHint()).setRemediationCommand(finding.remediationCommand())
                .build();
    }

    static Finding fromPrecheck(io.osmigration.events.Finding finding) {
        return new Finding(Finding.PRECHECK, finding.getCode(), finding.getSeverity(), finding.getTitle(),
                finding.getDetail(), finding.getRemediationHint(), finding.getRemediationCommand());
    }
}
