package io.osmigration.executor.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.osmigration.executor.ExecutorProperties;
import io.osmigration.executor.domain.JobChange;
import io.osmigration.platform.lease.Claimed;
import io.osmigration.platform.work.BackgroundLoop;

/**
 * The loop that runs drills and steps and fires deadlines, outside any Kafka listener: it claims due jobs (a fenced
 * lease per job, so replicas share the work and never move one job twice at once) and advances each on a small pool.
 */
@Component
public class JobWorker extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

    private final JobStore jobs;
    private final JobWorkflow workflow;
    private final ExecutorProperties properties;
    private final Clock clock;
    private Semaphore slots;
    private ExecutorService pool;

    JobWorker(JobStore jobs, JobWorkflow workflow, ExecutorProperties properties, Clock clock) {
        super("job-worker");
        this.jobs = jobs;
        this.workflow = workflow;
        this.properties = properties;
        this.clock = clock;
    }

    /** Claims due jobs while the pool has room; returns how many it handed out. */
    @Override
    public int runOnce() {
        int claimed = 0;
        while (isRunning() && slots.tryAcquire()) {
            Optional<Claimed<JobDocument>> next;
            try {
                next = jobs.claimDue(clock.instant(), properties.lease());
            } catch (RuntimeException e) {
                slots.release();
                throw e;
            }
            if (next.isEmpty()) {
                slots.release();
                break;
            }
            Claimed<JobDocument> job = next.get();
            pool.execute(() -> move(job));
            claimed++;
        }
        return claimed;
    }

    private void move(Claimed<JobDocument> claimed) {
        String jobId = claimed.document().id();
        try {
            Instant now = clock.instant();
            JobChange change = workflow.advance(claimed.document().job(), now);
            if (!jobs.saveClaimed(claimed, change, now.plus(properties.pollInterval()))) {
                // Someone wrote the job meanwhile (an event, an operator, the outbox relay), or the claim was taken
                // over: the move is redone on the fresh job, if the claim is still ours to give back.
                log.debug("Job {} changed while it was worked on; looking again", jobId);
                jobs.abandon(claimed.claim());
            }
        } catch (RuntimeException e) {
            log.warn("Job {} could not move, will retry: {}", jobId, e.toString());
            try {
                jobs.abandon(claimed.claim());
            } catch (RuntimeException lost) {
                log.debug("Claim of {} not given back; it expires by itself: {}", jobId, lost.toString());
            }
        } finally {
            slots.release();
            wakeUp();
        }
    }

    @Override
    protected Duration idleWait() {
        return properties.pollInterval();
    }

    @Override
    public void start() {
        slots = new Semaphore(properties.workerThreads() * 2);
        pool = Executors.newFixedThreadPool(properties.workerThreads(), workerThreads("job-worker"));
        super.start();
    }

    @Override
    public void stop() {
        super.stop();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops before the outbox relay (which then sends what the last moves wrote), Kafka and MongoDB. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 500;
    }
}
