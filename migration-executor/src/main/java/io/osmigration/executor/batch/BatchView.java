package io.osmigration.executor.batch;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.osmigration.executor.domain.Batch;
import io.osmigration.executor.domain.Finding;
import io.osmigration.executor.domain.Job;
import io.osmigration.executor.domain.PlannedStep;
import io.osmigration.executor.domain.SnapshotRef;

/**
 * A batch as the API shows it (contract: GET /api/v1/migrations/{batchId}). {@code counts} are its jobs per state —
 * what BatchFinished carries once the batch finished.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchView(String batchId, String requestId, String state, String reason, String drillMode,
                        int maxParallel, Integer failureThresholdPercent, List<String> autoRemediate,
                        String submittedBy, Instant createdAt, Instant finishedAt, Map<String, Integer> counts,
                        List<JobView> jobs) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JobView(String jobId, String sourceId, String instanceId, String destinationOs, String state,
                          List<StepView> steps, StepView drill, List<Finding> findings, List<SnapshotRef> snapshots,
                          String error, String failedStep, String resultingOs, Instant deadlineAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StepView(String name, String status, Instant startedAt, Instant finishedAt, Integer exitCode,
                           String outputExcerpt) {
        static StepView of(PlannedStep step) {
            return step == null ? null : new StepView(step.name(), step.status().name(), step.startedAt(),
                    step.finishedAt(), step.exitCode(), step.output());
        }
    }

    static BatchView of(Batch batch, List<Job> jobs) {
        Map<String, Integer> counts = new TreeMap<>();
        jobs.forEach(job -> counts.merge(job.state().name(), 1, Integer::sum));
        return new BatchView(batch.batchId(), batch.requestId(), batch.state().name(), batch.reason(),
                batch.drillMode().name(), batch.maxParallel(), batch.failureThresholdPercent(), batch.autoRemediate(),
                batch.submittedBy(), batch.createdAt(), batch.finishedAt(), counts,
                jobs.stream().map(BatchView::job).toList());
    }

    /** The batch and its counts (from an aggregate), without the jobs themselves. */
    static BatchView withoutJobs(Batch batch, io.osmigration.executor.domain.JobCounts counts) {
        return new BatchView(batch.batchId(), batch.requestId(), batch.state().name(), batch.reason(),
                batch.drillMode().name(), batch.maxParallel(), batch.failureThresholdPercent(), batch.autoRemediate(),
                batch.submittedBy(), batch.createdAt(), batch.finishedAt(), counts.asMap(), null);
    }

    static JobView job(Job job) {
        return new JobView(job.jobId(), job.sourceId(), job.instanceId(), job.destinationOs(), job.state().name(),
                job.steps().stream().map(StepView::of).toList(), StepView.of(job.drill()), job.findings(),
                job.snapshots(), job.error(), job.failedStep(), job.resultingOs(), job.deadlineAt());
    }
}
