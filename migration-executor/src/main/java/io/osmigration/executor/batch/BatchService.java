package io.osmigration.executor.batch;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import io.osmigration.executor.ExecutorProperties;
import io.osmigration.executor.catalog.SourceCatalog;
import io.osmigration.executor.domain.BatchCommand;
import io.osmigration.executor.domain.BatchValidator;
import io.osmigration.executor.domain.Ids;
import io.osmigration.executor.domain.JobState;
import io.osmigration.executor.domain.Violation;
import io.osmigration.executor.job.BatchCoordinator;
import io.osmigration.executor.job.BatchDocument;
import io.osmigration.executor.job.JobDocument;
import io.osmigration.executor.job.JobSaga;
import io.osmigration.executor.job.JobStore;

/**
 * Accepts batches, from REST and from Kafka alike: one validation, one idempotency rule (the batch id derives from
 * the request id, so the same request again finds the same batch), and the controls operators apply to them.
 */
@Service
public class BatchService {

    private static final Logger log = LoggerFactory.getLogger(BatchService.class);

    private final MongoTemplate mongo;
    private final SourceCatalog catalog;
    private final JobStore jobs;
    private final JobSaga saga;
    private final BatchCoordinator coordinator;
    private final BatchValidator validator;
    private final ExecutorProperties properties;
    private final Clock clock;

    public BatchService(MongoTemplate mongo, SourceCatalog catalog, JobStore jobs, JobSaga saga,
                        BatchCoordinator coordinator, ExecutorProperties properties, Clock clock) {
        this.mongo = mongo;
        this.catalog = catalog;
        this.jobs = jobs;
        this.saga = saga;
        this.coordinator = coordinator;
        this.validator = new BatchValidator(properties.maxBatchSize());
        this.properties = properties;
        this.clock = clock;
    }

    /** What a submission led to: the batch, whether it is new, or why it was refused (nothing then changed). */
    public record Submission(BatchDocument batch, boolean created, List<Violation> violations) {
        public boolean refused() {
            return !violations.isEmpty();
        }
    }

    public Submission submit(BatchCommand command) {
        if (command.requestId() != null && !command.requestId().isBlank()) {
            var existing = coordinator.find(Ids.batchId(command.requestId()));
            if (existing.isPresent()) {
                return new Submission(existing.get(), false, List.of());
            }
        }
        List<String> sourceIds = command.targets() == null ? List.of() : command.targets().stream()
                .filter(t -> t != null && t.sourceId() != null).map(BatchCommand.Target::sourceId).toList();
        Set<String> known = sourceIds.size() > properties.maxBatchSize() ? Set.of() : catalog.known(sourceIds);
        List<Violation> violations = validator.validate(command, known::contains);
        if (!violations.isEmpty()) {
            return new Submission(null, false, violations);
        }
        return accept(command);
    }

    private Submission accept(BatchCommand command) {
        String batchId = Ids.batchId(command.requestId());
        Instant now = clock.instant();
        // Jobs first, the batch last: the batch document existing is what "accepted" means, so a crash in between
        // leaves jobs that the retried request adopts (their ids are deterministic).
        for (int i = 0; i < command.targets().size(); i++) {
            jobs.insertIfAbsent(job(command, batchId, i, now));
        }
        BatchDocument batch = new BatchDocument();
        batch.id = batchId;
        batch.requestId = command.requestId();
        batch.submissionId = command.submissionId();
        batch.destinationOs = command.destinationOs();
        batch.drillMode = command.drillModeOrDefault().name();
        batch.maxParallel = command.maxParallel() == null ? properties.defaultMaxParallel() : command.maxParallel();
        batch.failureThresholdPercent = command.failureThresholdPercent();
        batch.total = command.targets().size();
        batch.createdAt = now;
        batch.updatedAt = now;
        try {
            mongo.insert(batch);
        } catch (DuplicateKeyException raced) {
            return new Submission(coordinator.find(batchId).orElseThrow(), false, List.of());
        }
        log.info("Batch {} accepted: {} jobs, maxParallel {}, drill {}", batchId, batch.total, batch.maxParallel,
                batch.drillMode);
        coordinator.reconcile(batchId);
        return new Submission(coordinator.find(batchId).orElseThrow(), true, List.of());
    }

    private JobDocument job(BatchCommand command, String batchId, int position, Instant now) {
        BatchCommand.Target target = command.targets().get(position);
        SourceCatalog.CatalogEntry source = catalog.find(target.sourceId()).orElseThrow();
        JobDocument job = new JobDocument();
        job.id = Ids.jobId(batchId, target.sourceId());
        job.batchId = batchId;
        job.position = position;
        job.sourceId = target.sourceId();
        job.instanceId = source.instanceId();
        job.regionId = source.regionId();
        job.destinationOs = command.destinationOf(target);
        job.drillMode = command.drillModeOrDefault().name();
        job.state = JobState.PENDING.name();
        job.lastEventId = command.submissionId();
        job.createdAt = now;
        job.updatedAt = now;
        return job;
    }

    // ---- controls ----

    public enum Outcome { DONE, NOT_FOUND, CONFLICT }

    public Outcome pause(String batchId, String reason) {
        if (coordinator.find(batchId).isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        return coordinator.setState(batchId, BatchDocument.RUNNING, BatchDocument.PAUSED,
                reason == null ? "Paused by an operator" : reason) ? Outcome.DONE : Outcome.CONFLICT;
    }

    public Outcome resume(String batchId) {
        if (coordinator.find(batchId).isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        return coordinator.resume(batchId) ? Outcome.DONE : Outcome.CONFLICT;
    }

    public Outcome cancel(String batchId, String reason) {
        var batch = coordinator.find(batchId);
        if (batch.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        String why = reason == null ? "Batch cancelled by an operator" : reason;
        boolean changed = coordinator.setState(batchId, BatchDocument.RUNNING, BatchDocument.CANCELLED, why)
                || coordinator.setState(batchId, BatchDocument.PAUSED, BatchDocument.CANCELLED, why);
        if (!changed) {
            return Outcome.CONFLICT;
        }
        jobs.ofBatch(batchId).stream().filter(job -> !job.jobState().isFinished())
                .forEach(job -> saga.cancel(job.id, why));
        return Outcome.DONE;
    }

    public Outcome cancelJob(String batchId, String jobId, String reason) {
        var job = jobs.find(jobId).filter(j -> j.batchId.equals(batchId));
        if (job.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        return saga.cancel(jobId, reason == null ? "Cancelled by an operator" : reason).isPresent()
                ? Outcome.DONE : Outcome.CONFLICT;
    }

    public Outcome startJob(String batchId, String jobId) {
        var job = jobs.find(jobId).filter(j -> j.batchId.equals(batchId));
        if (job.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        boolean critical = job.get().findings.stream()
                .anyMatch(f -> "DRILL".equals(f.source()) && "CRITICAL".equals(f.severity()));
        if (critical) {
            return Outcome.CONFLICT;
        }
        return saga.start(jobId) ? Outcome.DONE : Outcome.CONFLICT;
    }
}
