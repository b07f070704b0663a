package io.osmigration.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.osmigration.executor.batch.BatchService;
import io.osmigration.executor.domain.BatchCommand;
import io.osmigration.executor.domain.Job;
import io.osmigration.executor.job.JobStore;
import io.osmigration.platform.cloud.assistant.CloudAssistantClient;
import io.osmigration.simulator.ApiCall;
import io.osmigration.simulator.EcsSimulator;
import io.osmigration.simulator.EcsSimulatorApplication;

/**
 * The closing note: a batch of N simulated instances (zero simulated latency, the real tools' durations at
 * 1/1000) through the executor with its default settings (the account's 50 calls/s included; precheck and snapshots
 * answered at once by the fake peers) — wall time, jobs/s, how it compares with one instance's end-to-end time, the
 * executor's ECS calls per job by kind, and where a job's time goes (per step: marked started → RunCommand →
 * seen ended → the next step marked). A benchmark, not a check, so it only runs when asked:
 * {@code ./mvnw -B -q -pl migration-executor -am verify -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtest=FleetBenchTest -Dosm.bench=true [-Dosm.bench.size=401] [-Dosm.bench.args="--osm.executor.x=y ..."]}
 * (size: one job alone, then a batch of the rest). Run it alone: closing its simulator's web server disposes Reactor
 * Netty's shared event loops, which the test environment's simulator uses too.
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
            // As test-fleet.json's clean CentOS 7 servers: their yum repository is the one the tool's install reaches.
            fleet.append(i == 0 ? "" : ",").append("{\"instanceId\": \"").append(id).append("\", \"regionId\": \"")
                    .append(TestFleet.REGION).append("\", \"osRelease\": {\"ID\": \"centos\", \"VERSION_ID\": \"7\", ")
                    .append("\"PRETTY_NAME\": \"CentOS Linux 7 (Core)\"}, \"repoBaseUrl\": ")
                    .append("\"http://mirrors.cloud.aliyuncs.com/centos-vault/7.9.2009\"}");
        }
        Path file = Files.createTempFile("bench-fleet-", ".json");
        Files.writeString(file, fleet.append("]}").toString());
        Path work = Files.createTempDirectory("osm-bench-sim-");
        try (ConfigurableApplicationContext simulator = new SpringApplicationBuilder(EcsSimulatorApplication.class)
                .web(WebApplicationType.REACTIVE).registerShutdownHook(false).run(
                        "--spring.config.name=ecs-simulator", "--server.port=0", "--spring.jmx.enabled=false",
                        "--osm.simulator.fleet-file=" + file, "--osm.simulator.work-dir=" + work,
                        "--osm.simulator.reboot-duration=PT0S", "--osm.simulator.latency=0ms",
                        "--osm.simulator.time-scale=0.001",
                        "--osm.simulator.rate-limit-per-second=100000", "--osm.simulator.command-threads=16",
                        "--spring.mongodb.uri=" + env.infra.mongoUri(), "--spring.mongodb.database=osm_bench_sim_unused",
                        "--spring.kafka.bootstrap-servers=" + env.infra.kafkaBootstrapServers(),
                        "--osm.kafka.create-topics=false", "--spring.kafka.listener.auto-startup=false")) {
            String endpoint = "127.0.0.1:" + simulator.getEnvironment().getRequiredProperty("local.server.port");
            instances.forEach(env.peers::importSource);
            List<String> args = new ArrayList<>(List.of("--osm.aliyun.endpoint=" + endpoint,
                    // The executor's defaults, where the test environment shortens them.
                    "--osm.executor.poll-interval=200ms", "--osm.executor.lease=30s", "--osm.executor.worker-threads=4",
                    "--osm.executor.reboot-poll-max=60s", "--osm.executor.reboot-wait=2h",
                    "--osm.aliyun.max-calls-per-second=50"));
            String extra = System.getProperty("osm.bench.args", "").trim();
            if (!extra.isEmpty()) {
                args.addAll(List.of(extra.split("\\s+")));
            }
            try (ConfigurableApplicationContext executor = ReplicaSupport.start("migration-executor-bench",
                    "osm_executor_bench", args.toArray(String[]::new))) {
                BatchService batches = executor.getBean(BatchService.class);
                JobStore jobs = executor.getBean(JobStore.class);
                EcsSimulator sim = simulator.getBean(EcsSimulator.class);

                Instant singleFrom = Instant.now();
                Run one = run(batches, jobs, instances.subList(0, 1), 1);
                long single = one.wallMs();
                System.out.println("BENCH: one job alone: " + JobLatency.of(jobs.ofBatch(one.batchId()),
                        sim.calls().stream().filter(c -> !c.time().isBefore(singleFrom)).toList(),
                        endedAt(executor.getBean(CloudAssistantClient.class), jobs.ofBatch(one.batchId()))));
                Instant from = Instant.now();
                String batchId = run(batches, jobs, instances.subList(1, instances.size()), parallel).batchId();
                long wall = Duration.between(from, Instant.now()).toMillis();
                double seconds = wall / 1000.0;
                int n = size - 1;
                System.out.printf("BENCH: one job end-to-end %d ms; %d jobs (maxParallel %d) in %.1f s = %.2f jobs/s;"
                                + " %.1fx the time of one job for %dx the work%n", single, n, parallel, seconds,
                        n / seconds, wall / (double) single, n);
                List<ApiCall> calls = sim.calls().stream().filter(c -> !c.time().isBefore(from)).toList();
                System.out.printf("BENCH: %.2f ECS calls per job: %s%n", calls.size() / (double) n,
                        CallsByKind.of(calls));
                System.out.printf("BENCH: %.1f writes of each job's value (its revision when completed)%n",
                        revisions(executor.getBean(MongoTemplate.class), batchId));
                System.out.println("BENCH: " + JobLatency.of(jobs.ofBatch(batchId), calls,
                        endedAt(executor.getBean(CloudAssistantClient.class), jobs.ofBatch(batchId))));
                assertThat(wall).isPositive();
            }
        }
    }

    /** When ECS says each step's invocation ended (read after the measured run, so its calls are not counted). */
    private static Map<String, Instant> endedAt(CloudAssistantClient client, List<Job> jobs) {
        List<CloudAssistantClient.InvocationKey> keys = jobs.stream().flatMap(job -> job.steps().stream()
                .filter(step -> step.invokeId() != null)
                .map(step -> new CloudAssistantClient.InvocationKey(step.invokeId(), job.instanceId()))).toList();
        Map<String, Instant> ended = new java.util.HashMap<>();
        client.results(TestFleet.REGION, keys).forEach((key, result) -> {
            if (result.finishedAt() != null) {
                ended.put(key.invokeId(), result.finishedAt());
            }
        });
        return ended;
    }

    /** Mean revision of the batch's jobs: how many times each job's value was written (moves, events). */
    private static double revisions(MongoTemplate mongo, String batchId) {
        List<Long> revisions = new ArrayList<>();
        mongo.getCollection("jobs").find(new org.bson.Document("batchId", batchId))
                .forEach(doc -> revisions.add(((Number) doc.get("revision")).longValue()));
        return revisions.stream().mapToLong(Long::longValue).average().orElse(0);
    }

    private record Run(String batchId, long wallMs) {
    }

    /** Submits a batch and waits until every job is finished. */
    private static Run run(BatchService batches, JobStore jobs, List<String> instances, int parallel) {
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
        jobs.ofBatch(batchId).stream().filter(job -> job.error() != null).findFirst().ifPresent(job ->
                System.out.println("BENCH: e.g. job " + job.jobId() + " " + job.state() + ": " + job.error()));
        return new Run(batchId, elapsed);
    }
}
