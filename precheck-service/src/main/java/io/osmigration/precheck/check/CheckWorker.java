package io.osmigration.precheck.check;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.osmigration.platform.lease.Claim;
import io.osmigration.platform.lease.Claimed;
import io.osmigration.platform.outbox.OutboxRelay;
import io.osmigration.platform.work.BackgroundLoop;
import io.osmigration.precheck.PrecheckProperties;

/**
 * Works the durable check queue on this replica. Each round it looks after the checks it runs (renews their claims,
 * ends those past their deadline with CHECK_TIMEOUT, drops those whose claim was lost) and claims new ones while
 * fewer than {@code osm.precheck.max-concurrent-checks} run here. A check runs on a thread of its own; the round
 * never waits for one, so one instance that never answers costs one slot until its deadline and holds up nothing
 * else. The deadline counts from the moment this replica took the check up: waiting in the queue, or for a replica
 * that died, is not the instance's fault (a check taken up too often ends with CHECK_ERROR instead).
 */
@Component
class CheckWorker extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(CheckWorker.class);

    private final CheckQueue queue;
    private final Checker checker;
    private final OutboxRelay outboxRelay;
    private final PrecheckProperties properties;
    private final Clock clock;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private volatile ExecutorService threads;

    CheckWorker(CheckQueue queue, Checker checker, OutboxRelay outboxRelay, PrecheckProperties properties,
                Clock clock) {
        super("precheck-worker");
        this.queue = queue;
        this.checker = checker;
        this.outboxRelay = outboxRelay;
        this.properties = properties;
        this.clock = clock;
    }

    /** Looks after the running checks, then claims new ones while there is room; returns how many it claimed. */
    @Override
    public int runOnce() {
        for (Running check : List.copyOf(running.values())) {
            watch(check, clock.instant());
        }
        int claimed = 0;
        while (running.size() < properties.maxConcurrentChecks()) {
            Optional<Claimed<PrecheckDocument>> next = queue.claimNext(properties.claimLease());
            if (next.isEmpty()) {
                break;
            }
            start(next.get());
            claimed++;
        }
        return claimed;
    }

    /** Checks taken up here, for operators and tests. */
    int runningHere() {
        return running.size();
    }

    private void start(Claimed<PrecheckDocument> claimed) {
        PrecheckDocument check = claimed.document();
        Instant now = clock.instant();
        Running entry = new Running(check, claimed.claim(), now, now.plus(properties.checkTimeout()));
        if (check.attempts() > properties.maxAttempts()) {
            log.warn("Check {} was taken up {} times without finishing; giving up", check.precheckId(),
                    check.attempts());
            record(entry, CheckResult.interrupted(check.attempts() - 1));
            return;
        }
        if (check.attempts() > 1) {
            log.info("Taking over check {} (attempt {}): its previous replica stopped", check.precheckId(),
                    check.attempts());
        }
        running.put(check.precheckId(), entry);
        entry.future = threads.submit(() -> execute(entry));
    }

    private void execute(Running entry) {
        try {
            CheckResult result;
            try {
                result = checker.check(entry.check);
            } catch (RuntimeException e) {
                if (entry.cancelled) {
                    return;
                }
                log.error("Check {} failed unexpectedly", entry.check.precheckId(), e);
                result = CheckResult.error(e);
            }
            if (!entry.cancelled) { // past its deadline, lost, or this replica is stopping: the result is not ours
                record(entry, result);
            }
        } catch (RuntimeException e) {
            // The database is away: the claim runs out and a replica runs the check again (same ClientToken, so
            // the same invocation on the instance).
            log.warn("Recording check {} failed; it will be run again: {}", entry.check.precheckId(), e.toString());
        } finally {
            running.remove(entry.check.precheckId(), entry);
            wakeUp();
        }
    }

    private void watch(Running entry, Instant now) {
        if (entry.isDone()) {
            return; // it recorded its result and is leaving
        }
        if (!now.isBefore(entry.deadline)) {
            timeOut(entry);
        } else if (Duration.between(now, entry.claim.until()).compareTo(renewBelow()) < 0) {
            renew(entry, now);
        }
    }

    /** Ends the check with CHECK_TIMEOUT; its thread is interrupted and whatever it finds later is dropped. */
    private void timeOut(Running entry) {
        log.warn("Check {} of {} exceeded {}; ending it", entry.check.precheckId(), entry.check.server(),
                properties.checkTimeout());
        entry.cancel();
        running.remove(entry.check.precheckId(), entry);
        try {
            record(entry, CheckResult.timedOut(entry.check, properties.checkTimeout()));
        } catch (RuntimeException e) {
            log.warn("Recording the timeout of check {} failed; it is taken up again once its claim runs out: {}",
                    entry.check.precheckId(), e.toString());
        }
    }

    private void renew(Running entry, Instant now) {
        Optional<Claim> renewed;
        try {
            renewed = queue.renew(entry.claim, properties.claimLease());
        } catch (RuntimeException e) {
            if (!now.isBefore(entry.claim.until())) {
                // Not renewed in time (the database is away): another replica may take the check over now.
                log.warn("Check {}: claim could not be renewed and ran out; leaving it: {}",
                        entry.check.precheckId(), e.toString());
                entry.cancel();
                running.remove(entry.check.precheckId(), entry);
            }
            return;
        }
        if (renewed.isPresent()) {
            entry.claim = renewed.get();
        } else {
            log.warn("Check {}: claim lost to another replica; leaving it", entry.check.precheckId());
            entry.cancel();
            running.remove(entry.check.precheckId(), entry);
        }
    }

    /** Renewed when less than two thirds of the lease are left, so two rounds may fail before it runs out. */
    private Duration renewBelow() {
        return properties.claimLease().multipliedBy(2).dividedBy(3);
    }

    private void record(Running entry, CheckResult result) {
        if (queue.finish(entry.claim, entry.check, result, entry.started)) {
            if (entry.check.isJob()) {
                outboxRelay.wakeUp();
            }
            log.info("Check {} of {} → {}: {}", entry.check.precheckId(), entry.check.sourceId(),
                    result.failed() ? PrecheckDocument.FAILED : PrecheckDocument.PASSED,
                    result.findings().stream().map(f -> f.code()).distinct().toList());
        } else {
            log.debug("Check {} had ended or changed hands; this result is dropped", entry.check.precheckId());
        }
    }

    /**
     * Looks often enough to keep deadlines to about a second and claims renewed, and picks up checks queued on
     * other replicas within {@code osm.precheck.queue-poll-interval}.
     */
    @Override
    protected Duration idleWait() {
        Duration poll = properties.queuePollInterval();
        Duration renew = properties.claimLease().dividedBy(6);
        return poll.compareTo(renew) < 0 ? poll : renew;
    }

    @Override
    public void start() {
        // Unbounded on purpose: the number of running checks is bounded by the claims, and a thread stuck in a
        // call that ignores interrupts must not take a slot from the checks after it.
        threads = Executors.newCachedThreadPool(workerThreads("precheck"));
        super.start();
    }

    /**
     * Stops claiming, drops the results of the checks running here and gives them back, so another replica takes
     * them up at once rather than when their claims run out.
     */
    @Override
    public void stop() {
        super.stop();
        for (Running entry : List.copyOf(running.values())) {
            entry.cancel();
            try {
                queue.release(entry.claim);
            } catch (RuntimeException e) {
                log.info("Check {} not given back ({}); its claim runs out instead", entry.check.precheckId(),
                        e.toString());
            }
        }
        running.clear();
        ExecutorService pool = threads;
        if (pool != null) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Stops first when the service goes down (before the Kafka listeners, the outbox relay and the MongoDB client),
     * so its checks are handed to another replica without delay.
     */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 50;
    }

    /** A check taken up on this replica. */
    private static final class Running {
        final PrecheckDocument check;
        final Instant started;
        final Instant deadline;
        volatile Claim claim;
        volatile Future<?> future;
        volatile boolean cancelled;

        Running(PrecheckDocument check, Claim claim, Instant started, Instant deadline) {
            this.check = check;
            this.claim = claim;
            this.started = started;
            this.deadline = deadline;
        }

        boolean isDone() {
            Future<?> running = future;
            return running != null && running.isDone();
        }

        /** Its result no longer counts; its thread is interrupted so it stops waiting for the instance. */
        void cancel() {
            cancelled = true;
            Future<?> running = future;
            if (running != null) {
                running.cancel(true);
            }
        }
    }
}
