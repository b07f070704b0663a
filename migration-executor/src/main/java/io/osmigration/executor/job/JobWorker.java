package io.osmigration.executor.job;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.osmigration.executor.ExecutorProperties;
import io.osmigration.executor.domain.JobState;

/**
 * The loop that runs drills and steps, outside any Kafka listener: every poll interval it claims due jobs (a lease
 * per job, so replicas share the work and never run one job twice) and advances each on a small thread pool. It also
 * reconciles open batches now and then, which heals a release missed by a crash.
 */
@Component
public class JobWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);
    private static final List<JobState> WORKED_STATES = List.of(JobState.DRILLING, JobState.MIGRATING);
    private static final int RECONCILE_EVERY_TICKS = 5;

    private final JobStore jobs;
    private final JobStepper stepper;
    private final BatchCoordinator batches;
    private final ExecutorProperties properties;
    private final Clock clock;
    private final String owner = "executor-" + UUID.randomUUID();
    private final AtomicInteger ticks = new AtomicInteger();
    private Semaphore slots;
    private ScheduledExecutorService scheduler;
    private ExecutorService pool;
    private volatile boolean running;

    JobWorker(JobStore jobs, JobStepper stepper, BatchCoordinator batches, ExecutorProperties properties, Clock clock) {
        this.jobs = jobs;
        this.stepper = stepper;
        this.batches = batches;
        this.properties = properties;
        this.clock = clock;
    }

    public String owner() {
        return owner;
    }

    private void tick() {
        try {
            claimAndRun();
            if (ticks.incrementAndGet() % RECONCILE_EVERY_TICKS == 0) {
                batches.openBatchIds().forEach(batches::reconcile);
            }
        } catch (RuntimeException e) {
            if (running) {
                log.warn("Worker round failed, will retry: {}", e.toString());
            }
        }
    }

    private void claimAndRun() {
        while (running && slots.tryAcquire()) {
            Optional<JobDocument> claimed = jobs.claim(WORKED_STATES, owner, clock.instant().plus(properties.lease()));
            if (claimed.isEmpty()) {
                slots.release();
                return;
            }
            String jobId = claimed.get().id;
            pool.execute(() -> run(jobId));
        }
    }

    private void run(String jobId) {
        Instant next = clock.instant().plusSeconds(1);
        try {
            next = stepper.advance(jobId, owner);
        } catch (RuntimeException e) {
            log.warn("Job {} could not advance, will retry: {}", jobId, e.toString());
        } finally {
            try {
                jobs.releaseLease(jobId, owner, next);
            } catch (RuntimeException e) {
                log.debug("Lease of {} not given back; it expires by itself: {}", jobId, e.toString());
            }
            slots.release();
        }
    }

    @Override
    public void start() {
        running = true;
        slots = new Semaphore(properties.workerThreads() * 2);
        pool = Executors.newFixedThreadPool(properties.workerThreads(), named("job-worker"));
        scheduler = Executors.newSingleThreadScheduledExecutor(named("job-scheduler"));
        long interval = Math.max(10, properties.pollInterval().toMillis());
        scheduler.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        scheduler.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the outbox relay (which then sends what the last moves wrote), Kafka and MongoDB. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 500;
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
