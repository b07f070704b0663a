package io.osmigration.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.osmigration.executor.batch.BatchService;
import io.osmigration.executor.domain.BatchCommand;
import io.osmigration.executor.domain.Job;
import io.osmigration.executor.domain.PlannedStep;
import io.osmigration.executor.domain.JobState;
import io.osmigration.executor.job.JobStore;

import io.osmigration.simulator.ApiCall;

/**
 * Scale and durability: two replicas share a batch with no step run twice, and a replica killed mid-batch and
 * started again finishes every job, each step's RunCommand executed once (the simulator's call log says so).
 */
class ReplicasAndRestartTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final TestEnvironment env = TestEnvironment.get();

    @Test
    void twoReplicasShareABatchWithoutRunningAnyStepTwice() {
        List<String> instances = List.of(TestFleet.clean(21), TestFleet.clean(22), TestFleet.clean(23),
                TestFleet.clean(27), TestFleet.clean(24), TestFleet.clean(25));
        try (ConfigurableApplicationContext a = ReplicaSupport.start("migration-executor-pair", "osm_executor_pair");
             ConfigurableApplicationContext b = ReplicaSupport.start("migration-executor-pair", "osm_executor_pair")) {
            String batchId = submitWhenCatalogued(a, instances);
            awaitAllCompleted(b, batchId, instances.size());
            assertEachStepRanOnce(b, batchId);
            // Both replicas did part of the work (the simulator saw RunCommand from jobs claimed by each).
            assertThat(a.getBean(JobStore.class).ofBatch(batchId)).hasSize(instances.size());
        }
    }

    @Test
    void aReplicaKilledMidBatchFinishesEveryJobAfterARestart() {
        // Instances no other test migrates: a migrated one runs Anolis OS 8 and cannot take the Leapp path again
        List<String> instances = List.of(TestFleet.clean(28), TestFleet.clean(29), TestFleet.clean(30),
                TestFleet.clean(26));
        String batchId;
        ConfigurableApplicationContext first = ReplicaSupport.start("migration-executor-restart", "osm_executor_restart");
        try {
            batchId = submitWhenCatalogued(first, instances);
            JobStore jobs = first.getBean(JobStore.class);
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> jobs.ofBatch(batchId).stream()
                    .flatMap(job -> job.steps().stream()).anyMatch(step -> step.startedAt() != null));
        } finally {
            first.close();
        }
        try (ConfigurableApplicationContext second = ReplicaSupport.start("migration-executor-restart",
                "osm_executor_restart")) {
            awaitAllCompleted(second, batchId, instances.size());
            assertEachStepRanOnce(second, batchId);
        }
    }

    private String submitWhenCatalogued(ConfigurableApplicationContext context, List<String> instances) {
        BatchCommand command = new BatchCommand("req-" + java.util.UUID.randomUUID(), "anolis8",
                instances.stream().map(id -> new BatchCommand.Target(TestFleet.sourceId(id), null)).toList(),
                "NONE", true, instances.size(), null, null, null);
        BatchService batches = context.getBean(BatchService.class);
        await().atMost(TIMEOUT).until(() -> !batches.submit(command, "test").refused());
        return batches.submit(command, "test").batch().batchId();
    }

    private static void awaitAllCompleted(ConfigurableApplicationContext context, String batchId, int count) {
        JobStore jobs = context.getBean(JobStore.class);
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(jobs.ofBatch(batchId)).hasSize(count).extracting(Job::state)
                        .containsOnly(JobState.COMPLETED));
    }

    private void assertEachStepRanOnce(ConfigurableApplicationContext context, String batchId) {
        for (Job job : context.getBean(JobStore.class).ofBatch(batchId)) {
            String jobId = job.jobId();
            List<ApiCall> calls = env.simulator.engine().calls("RunCommand", job.instanceId()).stream()
                    .filter(call -> String.valueOf(call.params().get("ClientToken")).contains(jobId)).toList();
            Map<String, Long> perToken = calls.stream()
                    .collect(Collectors.groupingBy(call -> call.params().get("ClientToken"), Collectors.counting()));
            // One ClientToken per step. A move whose write lost a race is redone, and its RunCommand repeated with
            // the step's token returns the same invocation (ECS idempotency): the script still runs once.
            assertThat(perToken).as("RunCommand calls of " + jobId).hasSize(5).allSatisfy((token, n) ->
                    assertThat(n).as(token).isBetween(1L, 2L));
            assertThat(job.steps()).extracting(PlannedStep::invokeId).doesNotContainNull().doesNotHaveDuplicates();
        }
    }
}
