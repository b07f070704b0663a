package io.osmigration.snapshot.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.osmigration.platform.lease.Claimed;
import io.osmigration.platform.outbox.OutboxRelay;
import io.osmigration.platform.work.BackgroundLoop;
import io.osmigration.snapshot.SnapshotProperties;

/**
 * Works through due jobs. Kafka listeners only store what was asked; this loop does the cloud work, so a slow cloud
 * never blocks a partition. Each job is claimed through the platform's fenced leases, so replicas share the work, a
 * job whose replica died is picked up once its lease ran out, and a worker that lost its claim cannot write.
 */
@Component
public class SnapshotWorker extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(SnapshotWorker.class);

    private final JobSnapshotsStore store;
    private final SnapshotWorkflow workflow;
    private final OutboxRelay outboxRelay;
    private final SnapshotProperties properties;
    private final Clock clock;
    private final ObjectProvider<BackgroundTask> tasks;

    SnapshotWorker(JobSnapshotsStore store, SnapshotWorkflow workflow, OutboxRelay outboxRelay,
                   SnapshotProperties properties, Clock clock, ObjectProvider<BackgroundTask> tasks) {
        super("snapshot-worker");
        this.store = store;
        this.workflow = workflow;
        this.outboxRelay = outboxRelay;
        this.properties = properties;
        this.clock = clock;
        this.tasks = tasks;
    }

    /**
     * Advances every job that is due now, one step each, and reads the progress of every due job that waits only
     * for its snapshots in one batch (a few calls for all of them, rather than a call or two each); returns how many
     * jobs it moved.
     */
    @Override
    public int runOnce() {
        int steps = 0;
        Instant started = clock.instant();
        int batch = properties.polling().batch();
        List<Claimed<JobSnapshotsDocument>> waiting = new ArrayList<>();
        Optional<Claimed<JobSnapshotsDocument>> claimed;
        // Bounded, so jobs that stay due (a retried error) cannot starve the background tasks.
        while ((steps < 100 || waiting.size() < batch)
                && (claimed = store.claimDue(started, properties.lease())).isPresent()) {
            boolean onlyReads = claimed.get().document().getJob().awaitingProgress();
            if (onlyReads && waiting.size() < batch) {
                waiting.add(claimed.get());
            } else if (!onlyReads && steps < 100) {
                step(claimed.get());
                steps++;
            } else {
                store.abandon(claimed.get().claim()); // the next round, right after this one, takes it
                break;
            }
        }
        steps += readProgress(waiting);
        for (BackgroundTask task : tasks.orderedStream().toList()) {
            steps += task.runIfDue(clock.instant());
        }
        return steps;
    }

    private int readProgress(List<Claimed<JobSnapshotsDocument>> waiting) {
        if (waiting.isEmpty()) {
            return 0;
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
        return waiting.size();
    }

    private void step(Claimed<JobSnapshotsDocument> claimed) {
        JobSnapshotsDocument document = claimed.document();
        JobSnapshotsStore.Change change;
        try {
            change = workflow.advance(document.getJob(), clock.instant());
        } catch (RuntimeException e) {
            log.warn("Job {} step failed: {}", document.getId(), e.toString());
            change = retryLater(document, e);
        }
        save(claimed, change);
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
