package io.osmigration.executor.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.osmigration.executor.ExecutorProperties;
import io.osmigration.executor.domain.Batch;
import io.osmigration.executor.domain.BatchChange;
import io.osmigration.executor.domain.BatchState;
import io.osmigration.executor.domain.Job;
import io.osmigration.executor.domain.JobCounts;
import io.osmigration.executor.job.JobService;
import io.osmigration.executor.job.JobStore;
import io.osmigration.platform.lease.Claimed;
import io.osmigration.platform.work.BackgroundLoop;

/**
 * Waves, the one mechanism that releases jobs: a batch due for a look (just accepted, one of its jobs moved, or its
 * periodic recheck) is claimed with a fenced lease — so two replicas never release the same slot — and brought in
 * line with its jobs: it pauses itself when failures reach its threshold, releases pending jobs while fewer than
 * {@code maxParallel} are active, finishes cancelling a cancelled batch's jobs, and finishes (BatchFinished) once
 * every job has ended and no rollback is awaited.
 */
@Component
public class BatchWorker extends BackgroundLoop implements JobStore.Listener {

    private static final Logger log = LoggerFactory.getLogger(BatchWorker.class);
    private static final int BATCHES_PER_ROUND = 50;

    private final BatchStore batches;
    private final JobStore jobs;
    private final JobService jobService;
    private final ExecutorProperties properties;
    private final Clock clock;

    BatchWorker(BatchStore batches, JobStore jobs, JobService jobService, ExecutorProperties properties, Clock clock) {
        super("batch-worker");
        this.batches = batches;
        this.jobs = jobs;
        this.jobService = jobService;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public int runOnce() {
        int reconciled = 0;
        Optional<Claimed<BatchDocument>> claimed;
        while (reconciled < BATCHES_PER_ROUND && (claimed = batches.claimDue(properties.lease())).isPresent()) {
            reconcile(claimed.get());
            reconciled++;
        }
        return reconciled;
    }

    /** Reconciles the batch now if no one else is at it (a fresh submission wants its first wave at once). */
    public void reconcileNow(String batchId) {
        batches.claim(batchId, properties.lease()).ifPresentOrElse(this::reconcile, this::wakeUp);
    }

    /** A job moved: its batch may release the next one or finish. */
    @Override
    public void jobMoved(String batchId) {
        batches.nudge(batchId);
        wakeUp();
    }

    private void reconcile(Claimed<BatchDocument> claimed) {
        Batch batch = claimed.document().batch();
        Instant nextLook = clock.instant().plus(properties.batchRecheck());
        try {
            if (batch.state() == BatchState.CANCELLED && !batch.isFinished()) {
                cancelUnfinished(batch);
            }
            JobCounts counts = jobs.counts(batch.batchId());
            Batch.WavePlan plan = batch.plan(counts);
            if (plan.pause()) {
                store(claimed, batch.pause(Batch.THRESHOLD, plan.pauseReason(), clock.instant()));
                log.warn("Batch {} paused itself: {}", batch.batchId(), plan.pauseReason());
            } else if (plan.release() > 0) {
                release(claimed, batch, plan.release());
                counts = jobs.counts(batch.batchId());
                plan = batch.plan(counts);
            }
            if (plan.finish()) {
                BatchChange finished = batch.finish(counts, clock.instant());
                if (store(claimed, finished)) {
                    log.info("Batch {} finished {}: {}", batch.batchId(), finished.batch().state(),
                            counts.asMap());
                    nextLook = null;
                }
            }
        } finally {
            batches.releaseClaim(claimed, nextLook);
        }
    }

    /**
     * Releases up to {@code slots} pending jobs, each only while the claim holds and the batch is unchanged (no
     * replica took over, no operator paused or cancelled meanwhile).
     */
    private void release(Claimed<BatchDocument> claimed, Batch batch, int slots) {
        for (Job pending : jobs.pending(batch.batchId(), slots)) {
            if (!batches.unchangedSinceClaimed(claimed)) {
                log.info("Batch {} changed or was taken over while releasing; the next look goes on", batch.batchId());
                return;
            }
            jobService.release(pending.jobId());
        }
    }

    /** Finishes what cancelling the batch started (a crash or a race may have left some jobs running). */
    private void cancelUnfinished(Batch batch) {
        String why = batch.reason() == null ? "Batch cancelled" : batch.reason();
        jobService.cancelPending(batch.batchId(), why);
        for (Job job : jobs.unfinished(batch.batchId())) {
            if (!job.cancelRequested()) {
                jobService.cancel(job.jobId(), why);
            }
        }
    }

    private boolean store(Claimed<BatchDocument> claimed, BatchChange change) {
        return !change.refused() && batches.writeClaimed(claimed, change);
    }

    @Override
    protected Duration idleWait() {
        return properties.batchRecheck().compareTo(Duration.ofSeconds(1)) < 0 ? properties.batchRecheck()
                : Duration.ofSeconds(1);
    }

    /** Starts after the outbox relay and stops before it, both before the MongoDB client goes. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 600;
    }
}
