package io.osmigration.snapshot.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.osmigration.platform.lease.Claimed;
import io.osmigration.platform.outbox.OutboxRelay;
import io.osmigration.platform.work.BackgroundLoop;
import io.osmigration.snapshot.SnapshotProperties;

/**
 * Works through due jobs. Kafka listeners only store what was asked; this loop does the cloud work, so a slow cloud
 * never blocks a partition, and the steps of many jobs run at once on a small pool ({@code worker-threads}). Each job
 * is claimed through the platform's fenced leases, so replicas share the work, a job whose replica died is picked up
 * once its lease ran out, and a worker that lost its claim cannot write.
 */
@Component
public class SnapshotWorker extends BackgroundLoop implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SnapshotWorker.class);

    private final JobSnapshotsStore store;
    private final SnapshotWorkflow workflow;
    private final OutboxRelay outboxRelay;
    private final SnapshotProperties properties;
    private final Clock clock;
    private final ObjectProvider<BackgroundTask> tasks;
    private final Semaphore slots;
    private final ExecutorService pool;

    SnapshotWorker(JobSnapshotsStore store, SnapshotWorkflow workflow, OutboxRelay outboxRelay,
                   SnapshotProperties properties, Clock clock, ObjectProvider<BackgroundTask> tasks) {
        super("snapshot-worker");
        this.store = store;
        this.workflow = workflow;
        this.outboxRelay = outboxRelay;
        this.properties = properties;
        this.clock = clock;
        this.tasks = tasks;
        this.slots = new Semaphore(slotCount());
        this.pool = Executors.newFixedThreadPool(properties.workerThreads(), workerThreads("snapshot-worker"));
    }

    /**
     * Claims the jobs that are due now (up to {@code osm.snapshots.polling.batch}, while the pool has room), reads
     * the progress of those that wait only for their snapshots in one batch on this thread (a few calls for all of
     * them, rather than a call or two each), and hands every other one to the pool, which moves it one step: the
     * CreateSnapshotGroup or the deletes of many jobs are in flight at once, within the account's call budget.
     * Returns how many jobs it took.
     */
    @Override
    public int runOnce() {
        int taken = 0;
        int room = Math.min(properties.polling().batch(), slots.availablePermits());
        if (room > 0) {
            List<Claimed<JobSnapshotsDocument>> due = store.claimDue(clock.instant(), properties.lease(), room);
            // Only this thread takes slots, so the room counted above is still there.
            slots.acquireUninterruptibly(due.size());
            List<Claimed<JobSnapshotsDocument>> waiting = new ArrayList<>();
            for (Claimed<JobSnapshotsDocument> claimed : due) {
                if (claimed.document().getJob().awaitingProgress()) {
                    waiting.add(claimed);
                } else {
                    pool.execute(() -> step(claimed));
                }
            }
            try {
                readProgress(waiting);
            } finally {
                slots.release(waiting.size());
            }
            taken = due.size();
        }
        for (BackgroundTask task : tasks.orderedStream().toList()) {
            taken += task.runIfDue(clock.instant());
        }
        return taken;
    }

    private void readProgress(List<Claimed<JobSnapshotsDocument>> waiting) {
        if (waiting.isEmpty()) {
            return;
        }
        Map<String, JobSnapshotsStore.Change> changes;
        try {
            changes = workflow.observe(waiting.stream().map(c -> c.document().getJob()).toList(), clock.instant());
        } catch (RuntimeException e) {
            log.warn("Reading the progress of {} jobs failed: {}", waiting.size(), e.toString());
            changes = new HashMap<>();
            for (Claimed<JobSnapshotsDocument> c : waiting) {
                changes.put(c.document().getId(), retryLater(c.document(), e));
            }
        }
        for (Claimed<JobSnapshotsDocument> c : waiting) {
            save(c, changes.get(c.document().getId()));
        }
    }

    /** On the pool: one step of one job, stored under its claim; the slot is given back and the loop woken. */
    private void step(Claimed<JobSnapshotsDocument> claimed) {
        JobSnapshotsDocument document = claimed.document();
        try {
            JobSnapshotsStore.Change change;
            try {
                change = workflow.advance(document.getJob(), clock.instant());
            } catch (RuntimeException e) {
                log.warn("Job {} step failed: {}", document.getId(), e.toString());
                change = retryLater(document, e);
            }
            save(claimed, change);
        } catch (RuntimeException e) {
            // MongoDB away while saving: the claim runs out and the job is taken again then (steps are repeatable).
            log.warn("Job {} step could not be stored, will retry: {}", document.getId(), e.toString());
        } finally {
            slots.release();
            wakeUp();
        }
    }

    /** A step or read that failed unexpectedly: the job is tried again after {@code error-backoff}. */
    private JobSnapshotsStore.Change retryLater(JobSnapshotsDocument document, RuntimeException e) {
        Instant now = clock.instant();
        return JobSnapshotsStore.Change.of(document.getJob().retryLater(e.toString(),
                now.plus(properties.errorBackoff()), now));
    }

    private void save(Claimed<JobSnapshotsDocument> claimed, JobSnapshotsStore.Change change) {
        if (!store.saveClaimed(claimed, change)) {
            // Someone wrote the job meanwhile (an event, the outbox relay), or the claim was lost: redo the step on
            // the fresh document; every step is safe to repeat. Giving back a lost claim changes nothing.
            log.debug("Job {} changed while being worked on; retrying", claimed.document().getId());
            store.abandon(claimed.claim());
        } else if (!change.events().isEmpty()) {
            outboxRelay.wakeUp();
        }
    }

    @Override
    protected Duration idleWait() {
        return properties.workerInterval();
    }

    /**
     * Stops taking work and waits (up to 10 s) for the steps on the pool to be stored, so nothing is half done when
     * the MongoDB client goes; the pool itself lives as long as the bean (a stopped worker can be started again).
     */
    @Override
    public void stop() {
        super.stop();
        try {
            if (slots.tryAcquire(slotCount(), 10, TimeUnit.SECONDS)) {
                slots.release(slotCount());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }

    /** Room for a round's claims: a full batch of reads, or steps queued for the pool's threads. */
    private int slotCount() {
        return Math.max(properties.workerThreads() * 2, properties.polling().batch());
    }

    /** Below the outbox relay's phase: starts before it and stops after it, both before the MongoDB client goes. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }

    /** Other periodic work that shares this thread (the orphan sweep). */
    public interface BackgroundTask {
        /** Runs if its time has come; returns how much it did (0: nothing). */
        int runIfDue(Instant now);
    }
}
