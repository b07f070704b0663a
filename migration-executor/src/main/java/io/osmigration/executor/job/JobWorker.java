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
public class JobWorker extends BackgroundLoop implements JobStore.Listener {

    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

    /** Most jobs one replica remembers as waiting for an invocation (the rest simply wait for their due time). */
    private static final int MAX_AWAITING = 20_000;
    /** Most moves of one job under one claim (a step ended, the next marked started, its RunCommand). */
    private static final int MAX_MOVES_IN_A_ROW = 4;

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
        int room = Math.min(properties.polling().batch(), slots.availablePermits());
        if (!isRunning() || room == 0) {
            return 0; // every slot busy: a move that ends wakes the loop
        }
        List<Claimed<JobDocument>> batch = jobs.claimDue(clock.instant(), properties.lease(), room);
        if (batch.isEmpty()) {
            return 0;
        }
        // Only this thread takes slots, so the room counted above is still there.
        slots.acquireUninterruptibly(batch.size());
        readAhead(batch);
        batch.forEach(job -> pool.execute(() -> move(job)));
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

    /**
     * Moves the job; while a move leaves it due at once with nothing to read (a step ended and the next one starts:
     * marked started, then its RunCommand), the next move follows under the same claim, each stored before the next.
     */
    private void move(Claimed<JobDocument> claimed) {
        String jobId = claimed.document().id();
        Claimed<JobDocument> current = claimed;
        try {
            for (int moves = 1; ; moves++) {
                Instant now = clock.instant();
                JobChange change = workflow.advance(current.document().job(), now);
                if (moves < MAX_MOVES_IN_A_ROW && followsAtOnce(change, now)) {
                    Optional<Claimed<JobDocument>> kept = jobs.saveKeepingClaim(current, change);
                    if (kept.isPresent()) {
                        current = kept.get();
                        continue;
                    }
                } else if (jobs.saveClaimed(current, change, now.plus(properties.pollInterval()))) {
                    park(change);
                    return;
                }
                // Someone wrote the job meanwhile (an event, an operator, the outbox relay), or the claim was taken
                // over: the move is redone on the fresh job, if the claim is still ours to give back.
                log.debug("Job {} changed while it was worked on; looking again", jobId);
                jobs.abandon(current.claim());
                return;
            }
        } catch (RuntimeException e) {
            log.warn("Job {} could not move, will retry: {}", jobId, e.toString());
            try {
                jobs.abandon(current.claim());
            } catch (RuntimeException lost) {
                log.debug("Claim of {} not given back; it expires by itself: {}", jobId, lost.toString());
            }
        } finally {
            slots.release();
            wakeUp();
        }
    }

    /**
     * Whether the job's next move may follow this one at once, under the same claim: it is due now and asks the cloud
     * nothing the shared reads would answer (reads are left to the next round, where they are shared).
     */
    private static boolean followsAtOnce(JobChange change, Instant now) {
        Job job = change.job();
        return !change.refused() && job.state().isWorked() && job.dueAt() != null && !job.dueAt().isAfter(now)
                && !JobWorkflow.nextLookup(job).asksAnything();
    }

    /** Wakes the loop when a job changed state (an event made it due: SnapshotsCreated, an operator's :start). */
    @Override
    public void jobMoved(String batchId) {
        wakeUp();
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
