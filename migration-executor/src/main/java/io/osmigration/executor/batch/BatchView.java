package io.osmigration.executor.batch;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.osmigration.executor.job.BatchDocument;
import io.osmigration.executor.job.FindingRecord;
import io.osmigration.executor.job.JobDocument;
import io.osmigration.executor.job.SnapshotRecord;
import io.osmigration.executor.job.StepRecord;

/** A batch as the API shows it (contract: GET /api/v1/migrations/{batchId}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchView(String batchId, String requestId, String state, String reason, String drillMode,
                        int maxParallel, Integer failureThresholdPercent, Instant createdAt, List<JobView> jobs) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JobView(String jobId, String sourceId, String instanceId, String destinationOs, String state,
                          List<StepView> steps, StepView drill, List<FindingRecord> findings,
                          List<SnapshotRecord> snapshots, String error, String failedStep, String resultingOs) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StepView(String name, String status, Instant startedAt, Instant finishedAt, Integer exitCode,
                           String outputExcerpt) {
        static StepView of(StepRecord step) {
            return step == null ? null : new StepView(step.name, step.status, step.startedAt, step.finishedAt,
                    step.exitCode, step.output);
        }
    }

    static BatchView of(BatchDocument batch, List<JobDocument> jobs) {
        return new BatchView(batch.id, batch.requestId, batch.state, batch.reason, batch.drillMode, batch.maxParallel,
                batch.failureThresholdPercent, batch.createdAt, jobs.stream().map(BatchView::job).toList());
    }

    static JobView job(JobDocument job) {
        return new JobView(job.id, job.sourceId, job.instanceId, job.destinationOs, job.state,
                job.steps.stream().map(StepView::of).toList(), StepView.of(job.drill), job.findings, job.snapshots,
                job.error, job.failedStep, job.resultingOs);
    }
}
