package io.osmigration.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.osmigration.executor.batch.BatchService;
import io.osmigration.executor.domain.BatchCommand;
import io.osmigration.executor.domain.Job;
import io.osmigration.executor.job.JobStore;
import io.osmigration.simulator.EcsSimulatorApplication;

/**
 * The closing note: a batch of N simulated instances (zero simulated latency) — wall time, jobs/s, and how it
 * compares with one instance's end-to-end time. A benchmark, not a check, so it only runs when asked:
 * {@code mvn -pl migration-executor test -Dtest=FleetBenchTest -Dosm.bench=true [-Dosm.bench.size=1000]}.
 */
@EnabledIfSystemProperty(named = "osm.bench", matches = "true")
class FleetBenchTest {

    @Test
    void aLargeBatch() throws IOException {
        int size = Integer.getInteger("osm.bench.size", 1000);
        int parallel = Integer.getInteger("osm.bench.parallel", size);
        TestEnvironment env = TestEnvironment.get();
        List<String> instances = new ArrayList<>();
        StringBuilder fleet = new StringBuilder("{\"instances\": [");
        for (int i = 0; i < size; i++) {
            String id = String.format("i-bp1bench%011d", i);
            instances.add(id);
            fleet.append(i == 0 ? "" : ",").append("{\"instanceId\": \"").append(id).append("\"}");
        }
        Path file = Files.createTempFile("bench-fleet-", ".json");
        Files.writeString(file, fleet.append("]}").toString());
        Path work = Files.createTempDirectory("osm-bench-sim-");
        try (ConfigurableApplicationContext simulator = new SpringApplicationBuilder(EcsSimulatorApplication.class)
                .web(WebApplicationType.REACTIVE).registerShutdownHook(false).run(
                        "--spring.config.name=ecs-simulator", "--server.port=0", "--spring.jmx.enabled=false",
                        "--osm.simulator.fleet-file=" + file, "--osm.simulator.work-dir=" + work,
                        "--osm.simulator.reboot-duration=PT0S", "--osm.simulator.latency=0ms",
                        "--osm.simulator.rate-limit-per-second=100000", "--osm.simulator.command-threads=16",
                        "--spring.mongodb.uri=" + env.infra.mongoUri(), "--spring.mongodb.database=osm_bench_sim_unused",
                        "--spring.kafka.bootstrap-servers=" + env.infra.kafkaBootstrapServers(),
                        "--osm.kafka.create-topics=false", "--spring.kafka.listener.auto-startup=false")) {
            String endpoint = "127.0.0.1:" + simulator.getEnvironment().getRequiredProperty("local.server.port");
            instances.forEach(env.peers::importSource);
            try (ConfigurableApplicationContext executor = ReplicaSupport.start("migration-executor-bench",
                    "osm_executor_bench", "--osm.aliyun.endpoint=" + endpoint, "--osm.executor.worker-threads=16",
                    "--osm.aliyun.max-calls-per-second=10000")) {
                BatchService batches = executor.getBean(BatchService.class);
                JobStore jobs = executor.getBean(JobStore.class);

                long single = run(batches, jobs, instances.subList(0, 1), 1);
                long started = System.nanoTime();
                long wall = run(batches, jobs, instances, parallel);
                double seconds = wall / 1000.0;
                System.out.printf("BENCH: one job end-to-end %d ms; %d jobs (maxParallel %d) in %.1f s = %.2f jobs/s;"
                                + " %.1fx the time of one job for %dx the work%n", single, size, parallel, seconds,
                        size / seconds, wall / (double) single, size);
                assertThat(System.nanoTime() - started).isPositive();
            }
        }
    }

    /** Submits a batch and waits until every job is finished; returns the wall time in ms. */
    private static long run(BatchService batches, JobStore jobs, List<String> instances, int parallel) {
        BatchCommand command = new BatchCommand("bench-" + UUID.randomUUID(), "anolis8",
                instances.stream().map(id -> new BatchCommand.Target(TestFleet.sourceId(id), null)).toList(), "NONE",
                true, parallel, null, null, null);
        await().atMost(Duration.ofMinutes(5)).until(() -> !batches.submit(command, "bench").refused());
        long start = System.nanoTime();
        String batchId = batches.submit(command, "bench").batch().batchId();
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
                jobs.ofBatch(batchId).stream().map(Job::state).allMatch(state -> state.isFinished()));
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        Map<String, Long> states = new java.util.TreeMap<>();
        jobs.ofBatch(batchId).forEach(job -> states.merge(job.state().name(), 1L, Long::sum));
        System.out.println("BENCH: batch of " + instances.size() + " finished in " + elapsed + " ms: " + states);
        return elapsed;
    }
}
