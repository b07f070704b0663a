package io.osmigration.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.osmigration.executor.batch.BatchService;
import io.osmigration.executor.domain.BatchCommand;
import io.osmigration.executor.domain.Finding;
import io.osmigration.executor.domain.Job;
import io.osmigration.executor.domain.JobState;
import io.osmigration.executor.job.JobStore;
import io.osmigration.simulator.ApiCall;

/**
 * At most one active job per instance, across batches and replicas: two batches naming the same instance, submitted
 * at the same moment to two replicas, a hundred times. One job wins the instance, the other ends PRECHECK_FAILED
 * with INSTANCE_BUSY naming it; a sampler never sees two jobs holding the instance, and the simulator never sees two
 * jobs' invocations on it overlap.
 */
class ExclusiveInstancesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int REPETITIONS = 100;
    /** Every so often the winner really works on the instance (a drill), so its invocations are in the call log. */
    private static final int DRILL_EVERY = 20;
    private static final Set<JobState> HOLDING = EnumSet.of(JobState.PRECHECKING, JobState.SNAPSHOTTING,
            JobState.DRILLING, JobState.AWAITING_APPROVAL, JobState.MIGRATING);
    private final TestEnvironment env = TestEnvironment.get();

    @Test
    void twoBatchesNamingOneInstanceFromTwoReplicasNeverRunTwoJobsOnIt() throws Exception {
        String instance = TestFleet.clean(13);
        String sourceId = TestFleet.sourceId(instance);
        try (ConfigurableApplicationContext a = ReplicaSupport.start("migration-executor-excl", "osm_executor_excl");
             ConfigurableApplicationContext b = ReplicaSupport.start("migration-executor-excl", "osm_executor_excl")) {
            MongoTemplate mongo = a.getBean(MongoTemplate.class);
            AtomicInteger mostHolding = new AtomicInteger();
            AtomicReference<Boolean> sampling = new AtomicReference<>(true);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    long holding = mongo.getCollection("jobs").countDocuments(new Document("job.instanceId", instance)
                            .append("state", new Document("$in", HOLDING.stream().map(Enum::name).toList())));
                    mostHolding.accumulateAndGet((int) holding, Math::max);
                    LockSupport.parkNanos(2_000_000); // a sample every few ms, without crowding the database
                }
            }, "holding-sampler");
            sampler.start();
            List<String> winners = new ArrayList<>();
            try {
                for (int repetition = 0; repetition < REPETITIONS; repetition++) {
                    boolean drill = repetition % DRILL_EVERY == DRILL_EVERY - 1;
                    if (drill) {
                        env.peers.stopHoldingSnapshotsOf(sourceId);
                    } else {
                        env.peers.holdSnapshotsOf(sourceId);
                    }
                    winners.add(race(a, b, sourceId, drill));
                }
            } finally {
                sampling.set(false);
                sampler.join();
            }

            assertThat(mostHolding.get()).as("jobs holding the instance at once").isEqualTo(1);
            assertThat(winners).hasSize(REPETITIONS).doesNotHaveDuplicates();
            assertNoOverlappingInvocations(instance, a.getBean(JobStore.class), winners);
        }
    }

    /** Submits one batch to each replica at the same moment; returns the job that won the instance. */
    private String race(ConfigurableApplicationContext a, ConfigurableApplicationContext b, String sourceId,
                        boolean drill) throws Exception {
        BatchCommand first = command(sourceId, drill);
        BatchCommand second = command(sourceId, drill);
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<BatchService.Submission> viaA = CompletableFuture.supplyAsync(() -> submit(a, first, start));
        CompletableFuture<BatchService.Submission> viaB = CompletableFuture.supplyAsync(() -> submit(b, second, start));
        String batchA = viaA.get().batch().batchId();
        String batchB = viaB.get().batch().batchId();
        JobStore jobs = a.getBean(JobStore.class);
        AtomicReference<Job> winner = new AtomicReference<>();
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
            Job jobA = jobs.ofBatch(batchA).get(0);
            Job jobB = jobs.ofBatch(batchB).get(0);
            List<Job> both = List.of(jobA, jobB);
            Job won = both.stream().filter(job -> job.state() != JobState.PRECHECK_FAILED).findFirst().orElseThrow();
            Job lost = both.stream().filter(job -> job != won).findFirst().orElseThrow();
            assertThat(lost.state()).isEqualTo(JobState.PRECHECK_FAILED);
            assertThat(lost.findings()).singleElement().satisfies(finding -> {
                assertThat(finding.code()).isEqualTo(Finding.INSTANCE_BUSY);
                assertThat(finding.detail()).contains(won.jobId());
            });
            assertThat(won.state()).isIn(drill ? Set.of(JobState.AWAITING_APPROVAL) : HOLDING);
            winner.set(won);
        });
        Job won = winner.get();
        BatchService batches = a.getBean(BatchService.class);
        assertThat(batches.cancelJob(won.batchId(), won.jobId(), "test", "next round"))
                .isEqualTo(BatchService.Outcome.DONE);
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(10)).until(() ->
                jobs.find(won.jobId()).map(job -> !job.holdsInstance()).orElse(false));
        return won.jobId();
    }

    private static BatchService.Submission submit(ConfigurableApplicationContext replica, BatchCommand command,
                                                  CyclicBarrier start) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        BatchService.Submission submission = replica.getBean(BatchService.class).submit(command, "test");
        assertThat(submission.refused()).as("%s", submission.violations()).isFalse();
        return submission;
    }

    private static BatchCommand command(String sourceId, boolean drill) {
        return new BatchCommand("excl-" + UUID.randomUUID(), "anolis8", List.of(new BatchCommand.Target(sourceId,
                null)), drill ? "DRILL_ONLY" : "NONE", true, 1, null, null, null);
    }

    /**
     * From the simulator's call log: each job's invocations on the instance span from its first RunCommand to its
     * last DescribeInvocationResults; no two jobs' spans overlap, and only winners ever ran anything there.
     */
    private void assertNoOverlappingInvocations(String instance, JobStore jobs, List<String> winners) {
        List<ApiCall> calls = env.simulator.engine().calls(null, instance);
        List<Span> spans = new ArrayList<>();
        for (String jobId : winners) {
            Job job = jobs.find(jobId).orElseThrow();
            List<Instant> times = new ArrayList<>();
            calls.stream().filter(call -> "RunCommand".equals(call.action())
                    && String.valueOf(call.params().get("ClientToken")).contains(jobId)).forEach(c -> times.add(c.time()));
            if (job.drill() != null && job.drill().invokeId() != null) {
                calls.stream().filter(call -> "DescribeInvocationResults".equals(call.action())
                        && job.drill().invokeId().equals(call.params().get("InvokeId"))).forEach(c -> times.add(c.time()));
            }
            if (!times.isEmpty()) {
                spans.add(new Span(jobId, times.stream().min(Comparator.naturalOrder()).orElseThrow(),
                        times.stream().max(Comparator.naturalOrder()).orElseThrow()));
            }
        }
        assertThat(spans).as("drills that ran on the instance").hasSize(REPETITIONS / DRILL_EVERY);
        spans.sort(Comparator.comparing(Span::from));
        for (int i = 1; i < spans.size(); i++) {
            assertThat(spans.get(i).from()).as("%s starts after %s ended", spans.get(i).jobId(),
                    spans.get(i - 1).jobId()).isAfter(spans.get(i - 1).to());
        }
        assertThat(calls).filteredOn(call -> "RunCommand".equals(call.action())).allSatisfy(call ->
                assertThat(winners.stream().anyMatch(id -> String.valueOf(call.params().get("ClientToken"))
                        .contains(id))).as("RunCommand %s is a winner's", call.params().get("ClientToken")).isTrue());
    }

    private record Span(String jobId, Instant from, Instant to) {
    }
}
