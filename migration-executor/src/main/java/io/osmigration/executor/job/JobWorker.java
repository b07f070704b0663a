package io.osmigration.executor.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.osmigration.executor.ExecutorProperties;
import io.osmigration.executor.domain.InstanceCloud;
import io.osmigration.executor.domain.Job;
import io.osmigration.executor.domain.JobChange;
import io.osmigration.platform.lease.Claimed;
import io.osmigration.platform.work.BackgroundLoop;

/**
 * The loop that runs drills and steps and fires deadlines, outside any Kafka listener: it claims due jobs (a fenced
 * lease per job, so replicas share the work and never move one job twice at once) and advances each on a small pool.
 * It is the replica's one poller: the cloud reads of all the jobs due at once go in shared calls
 * ({@link InstanceCloud#prefetch}), and a job waiting for an invocation is woken as soon as a read sees it finished.
 */
@Component
public class JobWorker extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

    /** Most jobs one replica remembers as waiting for an invocation (the rest simply wait for their due time). */
    private static final int MAX_AWAITING = 20_000;

    private final JobStore jobs;
    private final JobWorkflow workflow;
    private final InstanceCloud cloud;
    private final Map<String, Waiting> awaiting = new ConcurrentHashMap<>();
    private final ExecutorProperties properties;
    private final Clock clock;
    private Semaphore slots;
    private ExecutorService pool;

    JobWorker(JobStore jobs, JobWorkflow workflow, InstanceCloud cloud, ExecutorProperties properties, Clock clock) {
        super("job-worker");
        this.jobs = jobs;
        this.workflow = workflow;
        this.cloud = cloud;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Claims the jobs that are due (up to {@code osm.executor.polling.batch}, while the pool has room), reads what
     * their moves will ask the cloud in shared calls — together with the invocations of this replica's jobs that wait
     * and are not due yet, which are woken when theirs has finished — and hands them to the pool. Returns how many.
     */
    @Override
    public int runOnce() {
        List<Claimed<JobDocument>> batch = new ArrayList<>();
        RuntimeException failure = null;
        while (isRunning() && batch.size() < properties.polling().batch() && slots.tryAcquire()) {
            Optional<Claimed<JobDocument>> next;
            try {
                next = jobs.claimDue(clock.instant(), properties.lease());
            } catch (RuntimeException e) {
                slots.release();
                failure = e;
                break;
            }
            if (next.isEmpty()) {
                slots.release();
                break;
            }
            batch.add(next.get());
        }
        if (!batch.isEmpty()) {
            readAhead(batch);
            batch.forEach(job -> pool.execute(() -> move(job)));
        }
        if (failure != null && batch.isEmpty()) {
            throw failure;
        }
        return batch.size();
    }

    private void readAhead(List<Claimed<JobDocument>> batch) {
        List<InstanceCloud.Lookup> due = new ArrayList<>();
        for (Claimed<JobDocument> claimed : batch) {
            awaiting.remove(claimed.document().id());
            InstanceCloud.Lookup lookup = JobWorkflow.nextLookup(claimed.document().job());
            if (lookup.asksAnything()) {
                due.add(lookup);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        awaiting.values().removeIf(waiting -> waiting.dueAt().isBefore(now.minus(properties.lease())));
        try {
            Set<String> woken = cloud.prefetch(due, awaiting.values().stream().map(Waiting::lookup).toList());
            if (!woken.isEmpty()) {
                log.debug("{} waiting job(s) woken: their invocation finished", woken.size());
                jobs.wake(woken, now);
                woken.forEach(awaiting::remove);
                wakeUp();
            }
        } catch (RuntimeException e) {
            log.debug("Reading ahead for {} jobs failed; each move asks for itself: {}", due.size(), e.toString());
        }
    }

    /** Remembers a job this replica just parked waiting for an invocation, so later reads can wake it early. */
    private void park(JobChange change) {
        Job job = change.job();
        Optional<InstanceCloud.Lookup> invocation = JobWorkflow.awaitedInvocation(job);
        if (invocation.isPresent() && job.dueAt() != null && awaiting.size() < MAX_AWAITING) {
            awaiting.put(job.jobId(), new Waiting(invocation.get(), job.dueAt()));
        } else {
            awaiting.remove(job.jobId());
        }
    }

    private record Waiting(InstanceCloud.Lookup lookup, Instant dueAt) {
    }

    private void move(Claimed<JobDocument> claimed) {
        String jobId = claimed.document().id();
        try {
            Instant now = clock.instant();
            JobChange change = workflow.advance(claimed.document().job(), now);
            if (jobs.saveClaimed(claimed, change, now.plus(properties.pollInterval()))) {
                park(change);
            } else {
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
        slots = new Semaphore(Math.max(properties.workerThreads() * 2, properties.polling().batch()));
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
