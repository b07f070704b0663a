package io.osmigration.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.osmigration.simulator.ApiCall;

/**
 * One poller per replica: the cloud reads of the jobs due together share calls, counted from the simulator's call
 * log; and the server-side job grid over the same batch.
 */
class BatchedCloudReadsTest extends ExecutorIntegrationTest {

    private static final List<String> INSTANCES = IntStream.rangeClosed(31, 38).mapToObj(TestFleet::clean).toList();
    private static final List<String> GRID_INSTANCES = IntStream.rangeClosed(41, 48).mapToObj(TestFleet::clean)
            .toList();

    @BeforeEach
    void catalog() {
        awaitCatalog();
    }

    @Test
    void jobsDueTogetherShareTheirReadsAndStayWithinABudgetOfCallsPerJob() {
        Instant from = Instant.now();
        String batchId = runToCompletion(INSTANCES);

        List<ApiCall> calls = env.simulator.engine().calls().stream().filter(c -> !c.time().isBefore(from)).toList();
        Map<String, Long> byAction = new TreeMap<>();
        calls.forEach(call -> byAction.merge(call.action(), 1L, Long::sum));
        double perJob = calls.size() / (double) INSTANCES.size();
        System.out.printf("Batched reads: %d jobs, %.1f ECS calls per job: %s; in detail %s%n", INSTANCES.size(),
                perJob, byAction, CallsByKind.of(calls));
        // The catalogue's recipe has five steps (INSTALL, ANSWER, UPGRADE, REBOOT, VERIFY): a RunCommand each, and the
        // shared reads: the newest invocation records (running or ended, with their results, 50 a page), the
        // instances' status before the first step, the agents' heartbeats after the restart. Measured 7.0 calls per
        // job on a quiet machine and 8.4 with a load average of 20 (fewer jobs are due together, so fewer share a
        // read); 23 before the ended records and the agents came from the shared reads, ~100 polling each job alone.
        assertThat(perJob).isLessThanOrEqualTo(10.0);
        assertThat(byAction.get("RunCommand")).isEqualTo(5L * INSTANCES.size());
        // DescribeInstances named several of the batch's instances at once.
        assertThat(calls).filteredOn(c -> c.action().equals("DescribeInstances"))
                .anySatisfy(c -> assertThat(c.instanceIds().stream().filter(INSTANCES::contains).count())
                        .isGreaterThan(1));
        assertThat(getBatch(batchId).get("state")).isEqualTo("COMPLETED");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJobGridPagesAndFiltersOnTheServerWithCountsOfTheWholeBatch() {
        String batchId = runToCompletion(GRID_INSTANCES);
        Map<String, Object> page = client().get().uri("/api/v1/migrations/" + batchId
                        + "/jobs?state=completed,FAILED&page=1&size=3").exchange()
                .expectStatus().isOk().expectHeader().valueEquals("X-Total-Count", "8")
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(page.get("total")).isEqualTo(8);
        assertThat(page.get("counts")).isEqualTo(Map.of("COMPLETED", 8));
        List<Map<String, Object>> rows = (List<Map<String, Object>>) page.get("jobs");
        assertThat(rows).extracting(row -> row.get("instanceId"))
                .containsExactly(GRID_INSTANCES.get(3), GRID_INSTANCES.get(4), GRID_INSTANCES.get(5));

        Map<String, Object> found = client().get().uri("/api/v1/migrations/" + batchId + "/jobs?q="
                        + GRID_INSTANCES.get(6).substring(8).toUpperCase()).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<Map<String, Object>>) found.get("jobs")).extracting(row -> row.get("instanceId"))
                .containsExactly(GRID_INSTANCES.get(6));
        assertThat(found.get("counts")).isEqualTo(Map.of("COMPLETED", 8));

        Map<String, Object> none = client().get().uri("/api/v1/migrations/" + batchId + "/jobs?state=PENDING")
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(none.get("total")).isEqualTo(0);
        assertThat((List<?>) none.get("jobs")).isEmpty();

        Map<String, Object> problem = client().get().uri("/api/v1/migrations/" + batchId
                        + "/jobs?state=COMPLETED,NOPE&size=0&page=x").exchange()
                .expectStatus().isBadRequest().expectHeader().contentType("application/problem+json")
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<Map<String, Object>>) problem.get("errors")).extracting(e -> e.get("field"))
                .containsExactlyInAnyOrder("state", "page", "size");

        client().get().uri("/api/v1/migrations/b-nope/jobs").exchange().expectStatus().isNotFound();
    }

    /** Migrates the instances to completion; a migrated host cannot take its path again, so each test has its own. */
    private String runToCompletion(List<String> instances) {
        Map<String, Object> body = new HashMap<>(batch(requestId(), "NONE", instances));
        body.put("maxParallel", instances.size());
        String batchId = (String) submit(body).get("batchId");
        await().atMost(TIMEOUT.multipliedBy(2)).untilAsserted(() ->
                assertThat(getBatch(batchId).get("state")).isEqualTo("COMPLETED"));
        return batchId;
    }
}
