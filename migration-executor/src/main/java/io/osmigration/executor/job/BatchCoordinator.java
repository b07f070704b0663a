package io.osmigration.executor.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.osmigration.executor.domain.JobState;

/**
 * Waves and limits of a batch: releases pending jobs while fewer than {@code maxParallel} are active, pauses the
 * batch when failures reach its threshold, and marks it completed when every job is finished. A batch is reconciled
 * under a short lease (findAndModify), so two replicas never release the same slot twice.
 */
@Component
public class BatchCoordinator {

    private static final Logger log = LoggerFactory.getLogger(BatchCoordinator.class);
    private static final Duration BATCH_LEASE = Duration.ofSeconds(15);

    private final MongoTemplate mongo;
    private final JobStore jobs;
    private final Clock clock;
    private final JobEvents events;
    private final String owner = "batch-" + UUID.randomUUID();

    public BatchCoordinator(MongoTemplate mongo, JobStore jobs, Clock clock) {
        this.mongo = mongo;
        this.jobs = jobs;
        this.clock = clock;
        this.events = new JobEvents(clock);
    }

    public Optional<BatchDocument> find(String batchId) {
        return Optional.ofNullable(mongo.findById(batchId, BatchDocument.class));
    }

    /** Batches that may still need a release or a completion; the worker reconciles them now and then. */
    public List<String> openBatchIds() {
        Query query = new Query(Criteria.where("state").in(BatchDocument.RUNNING, BatchDocument.PAUSED));
        query.fields().include("_id");
        return mongo.find(query, BatchDocument.class).stream().map(batch -> batch.id).toList();
    }

    /** Brings the batch in line with its jobs; returns false if another thread or replica is doing it right now. */
    public boolean reconcile(String batchId) {
        Instant now = clock.instant();
        BatchDocument batch = mongo.findAndModify(
                new Query(new Criteria().andOperator(Criteria.where("_id").is(batchId), new Criteria().orOperator(
                        Criteria.where("leaseUntil").is(null), Criteria.where("leaseUntil").lt(now)))),
                new Update().set("leaseOwner", owner).set("leaseUntil", now.plus(BATCH_LEASE)).inc("version", 1),
                FindAndModifyOptions.options().returnNew(true), BatchDocument.class);
        if (batch == null) {
            return false;
        }
        try {
            reconcileLeased(batch);
            return true;
        } finally {
            mongo.updateFirst(new Query(Criteria.where("_id").is(batchId).and("leaseOwner").is(owner)),
                    new Update().set("leaseUntil", null).inc("version", 1), BatchDocument.class);
        }
    }

    private void reconcileLeased(BatchDocument batch) {
        long finished = jobs.count(batch.id, JobState.finished());
        long failures = jobs.count(batch.id, List.of(JobState.FAILED, JobState.ROLLED_BACK));
        if (BatchDocument.RUNNING.equals(batch.state) && thresholdReached(batch, finished, failures)) {
            String reason = failures + " of " + finished + " finished jobs failed, reaching the failure threshold of "
                    + batch.failureThresholdPercent + "%; resume the batch to go on";
            setState(batch.id, BatchDocument.RUNNING, BatchDocument.PAUSED, reason);
            log.warn("Batch {} paused itself: {}", batch.id, reason);
            return;
        }
        if (BatchDocument.RUNNING.equals(batch.state)) {
            long active = jobs.count(batch.id, JobState.active());
            int slots = (int) Math.max(0, batch.maxParallel - active);
            if (slots > 0) {
                for (JobDocument pending : jobs.pending(batch.id, slots)) {
                    release(pending.id, batch);
                }
            }
        }
        if (finished >= batch.total && !BatchDocument.CANCELLED.equals(batch.state)) {
            setState(batch.id, batch.state, BatchDocument.COMPLETED, null);
        }
    }

    private static boolean thresholdReached(BatchDocument batch, long finished, long failures) {
        long newFailures = failures - batch.acknowledgedFailures;
        long newFinished = finished - batch.acknowledgedFinished;
        return batch.failureThresholdPercent != null && newFinished > 0 && newFailures > 0
                && newFailures * 100 >= (long) batch.failureThresholdPercent * newFinished;
    }

    /**
     * Resumes a paused batch. The failures so far count as seen: the threshold then applies to what happens next,
     * or the batch would pause again at once.
     */
    public boolean resume(String batchId) {
        long finished = jobs.count(batchId, JobState.finished());
        long failures = jobs.count(batchId, List.of(JobState.FAILED, JobState.ROLLED_BACK));
        boolean resumed = mongo.updateFirst(new Query(Criteria.where("_id").is(batchId).and("state")
                        .is(BatchDocument.PAUSED)),
                new Update().set("state", BatchDocument.RUNNING).set("reason", null)
                        .set("acknowledgedFailures", failures).set("acknowledgedFinished", finished)
                        .set("updatedAt", clock.instant()).inc("version", 1),
                BatchDocument.class).getModifiedCount() > 0;
        if (resumed) {
            reconcile(batchId);
        }
        return resumed;
    }

    private void release(String jobId, BatchDocument batch) {
        jobs.update(jobId, job -> {
            if (!job.is(JobState.PENDING)) {
                return false;
            }
            job.state = JobState.PRECHECKING.name();
            events.released(job, batch);
            return true;
        });
    }

    /** Changes the batch's state if it is still {@code from}; returns whether it did. */
    public boolean setState(String batchId, String from, String to, String reason) {
        return mongo.updateFirst(new Query(Criteria.where("_id").is(batchId).and("state").is(from)),
                new Update().set("state", to).set("reason", reason).set("updatedAt", clock.instant()).inc("version", 1),
                BatchDocument.class).getModifiedCount() > 0;
    }
}
