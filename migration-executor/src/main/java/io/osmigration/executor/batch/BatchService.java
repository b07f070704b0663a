package io.osmigration.executor.batch;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.osmigration.executor.ExecutorProperties;
import io.osmigration.executor.catalog.SourceCatalog;
import io.osmigration.executor.domain.Batch;
import io.osmigration.executor.domain.BatchChange;
import io.osmigration.executor.domain.BatchCommand;
import io.osmigration.executor.domain.BatchValidator;
import io.osmigration.executor.domain.Destinations;
import io.osmigration.executor.domain.Ids;
import io.osmigration.executor.domain.Job;
import io.osmigration.executor.domain.JobChange;
import io.osmigration.executor.domain.JobLifecycle;
import io.osmigration.executor.domain.Violation;
import io.osmigration.executor.job.JobService;
import io.osmigration.executor.job.JobStore;

/**
 * Accepts batches, from REST and from Kafka alike: one validation, one idempotency rule (the batch id derives from
 * the request id, so the same request again finds the same batch), and the controls operators apply to them. Every
 * control names who applied it ({@code by}), which the batch's events carry.
 */
@Service
public class BatchService {

    private static final Logger log = LoggerFactory.getLogger(BatchService.class);

    private final BatchStore batches;
    private final JobStore jobs;
    private final JobService jobService;
    private final JobLifecycle lifecycle;
    private final BatchWorker waves;
    private final SourceCatalog catalog;
    private final BatchValidator validator;
    private final ExecutorProperties properties;
    private final Clock clock;

    BatchService(BatchStore batches, JobStore jobs, JobService jobService, JobLifecycle lifecycle, BatchWorker waves,
                 SourceCatalog catalog, ExecutorProperties properties, Destinations destinations, Clock clock) {
        this.batches = batches;
        this.jobs = jobs;
        this.jobService = jobService;
        this.lifecycle = lifecycle;
        this.waves = waves;
        this.catalog = catalog;
        this.validator = new BatchValidator(properties.maxBatchSize(), destinations);
        this.properties = properties;
        this.clock = clock;
    }

    /** What a submission led to: the batch, whether it is new, or why it was refused (nothing then changed). */
    public record Submission(Batch batch, boolean created, List<Violation> violations) {
        public boolean refused() {
            return !violations.isEmpty();
        }
    }

    public Optional<Batch> find(String batchId) {
        return batches.find(batchId);
    }

    /**
     * Validates and accepts a batch. Sources this replica has not heard of are looked up in source-registry first
     * (read-your-writes); throws {@code SourcesUnavailableException} when that cannot be done right now.
     */
    public Submission submit(BatchCommand command, String by) {
        if (command.requestId() != null && !command.requestId().isBlank()) {
            Optional<Batch> existing = batches.find(Ids.batchId(command.requestId()));
            if (existing.isPresent()) {
                return new Submission(existing.get(), false, List.of());
            }
        }
        List<String> sourceIds = command.targets() == null ? List.of() : command.targets().stream()
                .filter(t -> t != null && t.sourceId() != null && !t.sourceId().isBlank())
                .map(BatchCommand.Target::sourceId).distinct().toList();
        Map<String, SourceCatalog.CatalogEntry> sources = sourceIds.size() > properties.maxBatchSize() ? Map.of()
                : catalog.resolve(sourceIds);
        List<Violation> violations = validator.validate(command, sources::containsKey);
        if (!violations.isEmpty()) {
            return new Submission(null, false, violations);
        }
        return accept(command, sources, by);
    }

    private Submission accept(BatchCommand command, Map<String, SourceCatalog.CatalogEntry> sources, String by) {
        String batchId = Ids.batchId(command.requestId());
        Instant now = clock.instant();
        // Jobs first, the batch last: the batch document existing is what "accepted" means, so a crash in between
        // leaves jobs that the retried request adopts (their ids are deterministic).
        List<Job> created = new ArrayList<>();
        for (int i = 0; i < command.targets().size(); i++) {
            BatchCommand.Target target = command.targets().get(i);
            SourceCatalog.CatalogEntry source = sources.get(target.sourceId());
            created.add(lifecycle.accept(Ids.jobId(batchId, target.sourceId()), batchId, command.requestId(), i,
                    target.sourceId(), source.instanceId(), source.regionId(), command.destinationOf(target),
                    command.drillModeOrDefault(), command.autoRemediateCodes(), command.submissionId(), now));
        }
        jobs.insertNew(created);
        int maxParallel = command.maxParallel() == null ? properties.defaultMaxParallel() : command.maxParallel();
        BatchChange accepted = Batch.accept(batchId, command.requestId(), command.submissionId(),
                command.destinationOs(), command.drillModeOrDefault(), maxParallel, command.failureThresholdPercent(),
                command.autoRemediateCodes(), created.size(), by, now);
        if (!batches.insert(accepted)) {
            return new Submission(batches.find(batchId).orElseThrow(), false, List.of());
        }
        log.info("Batch {} accepted from {}: {} jobs, maxParallel {}, drill {}", batchId, by, created.size(),
                maxParallel, command.drillModeOrDefault());
        waves.reconcileNow(batchId);
        return new Submission(batches.find(batchId).orElseThrow(), true, List.of());
    }

    // ---- controls ----

    public enum Outcome { DONE, NOT_FOUND, CONFLICT }

    public Outcome pause(String batchId, String by, String reason) {
        return control(batchId, batch -> batch.pause(by, reason == null ? "Paused by " + by : reason,
                clock.instant()));
    }

    public Outcome resume(String batchId, String by) {
        return control(batchId, batch -> batch.resume(by, jobs.counts(batchId), clock.instant()));
    }

    /** Cancels the batch: no job is released any more, and every unfinished job is cancelled. */
    public Outcome cancel(String batchId, String by, String reason) {
        String why = reason == null ? "Batch cancelled by " + by : reason;
        Outcome outcome = control(batchId, batch -> batch.cancel(by, why, clock.instant()));
        if (outcome == Outcome.DONE) {
            jobService.cancelPending(batchId, why);
            jobs.unfinished(batchId).stream().filter(job -> !job.cancelRequested())
                    .forEach(job -> jobService.cancel(job.jobId(), why));
        }
        return outcome;
    }

    public Outcome cancelJob(String batchId, String jobId, String by, String reason) {
        return jobControl(batchId, jobId, () -> jobService.cancel(jobId,
                reason == null ? "Cancelled by " + by : reason));
    }

    public Outcome startJob(String batchId, String jobId) {
        return jobControl(batchId, jobId, () -> jobService.approve(jobId));
    }

    private Outcome control(String batchId, java.util.function.Function<Batch, BatchChange> change) {
        Optional<BatchChange> result = batches.update(batchId, change);
        if (result.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        if (result.get().refused()) {
            return Outcome.CONFLICT;
        }
        waves.wakeUp();
        return Outcome.DONE;
    }

    private Outcome jobControl(String batchId, String jobId,
                               java.util.function.Supplier<Optional<JobChange>> action) {
        if (jobs.find(jobId).filter(job -> job.batchId().equals(batchId)).isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        return action.get().map(change -> change.refused() ? Outcome.CONFLICT : Outcome.DONE)
                .orElse(Outcome.NOT_FOUND);
    }
}
