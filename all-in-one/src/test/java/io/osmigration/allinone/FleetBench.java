package io.osmigration.allinone;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.osmigration.simulator.ApiCall;
import io.osmigration.simulator.EcsSimulator;

/**
 * The fleet benchmark of issue 13, on the all-in-one stack (every service, the real SDK, the simulator): a batch of
 * N healthy instances, then of 4N, with instant simulated steps, and one job waiting in a step that does not end.
 * Prints {@code BENCH key=value} lines that {@code bench/fleet.sh} turns into ratios against a baseline run. Not a
 * test: it only runs when asked ({@code -Dosm.bench=fleet}, see {@code bench/README.md}).
 */
@EnabledIfSystemProperty(named = "osm.bench", matches = "fleet")
class FleetBench {

    private static final String TOKEN = "bench-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @SuppressWarnings("unchecked")
    void fleet() throws Exception {
        int n = Integer.getInteger("osm.bench.size", 100);
        Duration watch = Duration.parse(System.getProperty("osm.bench.watch", "PT60S"));
        List<String> extra = new ArrayList<>(List.of("--osm.executor.max-batch-size=20000", "--logging.level.root=WARN",
                "--logging.level.io.osmigration=WARN"));
        String args = System.getProperty("osm.bench.args", "").trim();
        if (!args.isEmpty()) {
            extra.addAll(List.of(args.split("\\s+")));
        }
        Path dir = Files.createTempDirectory("osm-bench-");
        List<String> small = ids("a", n);
        List<String> large = ids("b", Boolean.parseBoolean(System.getProperty("osm.bench.growth", "true")) ? 4 * n : 0);
        List<String> waiting = ids("w", 1);
        List<String> all = new ArrayList<>(small);
        all.addAll(large);
        all.addAll(waiting);
        extra.add("--osm.simulator.fleet-file=" + fleet(dir, all));
        try (AllInOne stack = new AllInOne(AllInOneConfig.withFreePorts(dir.resolve("data")), TOKEN, extra)) {
            stack.start();
            EcsSimulator sim = stack.contexts().get(0).getBean(EcsSimulator.class);
            Map<String, String> sources = importAll(stack, all);
            print("config", args.isEmpty() ? "defaults" : args.replace(' ', ','));

            Run first = run(stack, sim, "n", small.stream().map(sources::get).toList());
            if (Boolean.parseBoolean(System.getProperty("osm.bench.growth", "true"))) {
                Run second = run(stack, sim, "4n", large.stream().map(sources::get).toList());
                print("growth.time_per_work", String.format("%.2f", second.seconds / first.seconds / 4.0));
                print("growth.calls_per_job", String.format("%.2f", second.callsPerJob() / first.callsPerJob()));
            }

            // The job's first step never ends: its commands hang once its precheck is through (snapshots take 2 s).
            String batchId = submit(stack, List.of(sources.get(waiting.get(0))));
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() ->
                    "SNAPSHOTTING".equals(jobState(stack, batchId)));
            int before = sim.calls("RunCommand", waiting.get(0)).size();
            sim.setCommandsHang(waiting.get(0), true);
            await().atMost(Duration.ofMinutes(5)).until(() -> sim.calls("RunCommand", waiting.get(0)).size() > before);
            Instant from = Instant.now();
            Thread.sleep(watch.toMillis());
            long calls = sim.calls().stream().filter(c -> !c.time().isBefore(from)).count();
            print("wait.seconds", Long.toString(watch.toSeconds()));
            print("wait.calls", Long.toString(calls));
            print("wait.calls_per_second", String.format("%.3f", calls / (double) watch.toSeconds()));
            client(stack, AllInOneConfig.EXECUTOR).post().uri("/api/v1/migrations/" + batchId + ":cancel")
                    .exchange();
        }
    }

    private record Run(String name, int jobs, double seconds, long calls, Map<String, Long> byAction) {
        double callsPerJob() {
            return calls / (double) jobs;
        }
    }

    private static Run run(AllInOne stack, EcsSimulator sim, String name, List<String> sourceIds) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long cpuBefore = os.getProcessCpuTime();
        AtomicLong peakHeap = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap");
        sampler.setDaemon(true);
        sampler.start();
        Instant from = Instant.now();
        long started = System.nanoTime();
        String batchId = submit(stack, sourceIds);
        Map<String, Object>[] last = new Map[1];
        await().atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            last[0] = batch(stack, batchId);
            return last[0].get("finishedAt") != null;
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        sampler.interrupt();
        long cpu = os.getProcessCpuTime() - cpuBefore;
        List<ApiCall> calls = sim.calls().stream().filter(c -> !c.time().isBefore(from)).toList();
        Map<String, Long> byAction = new TreeMap<>();
        calls.forEach(call -> byAction.merge(call.action(), 1L, Long::sum));
        Map<Long, Long> perSecond = new HashMap<>();
        calls.forEach(call -> perSecond.merge(call.time().getEpochSecond(), 1L, Long::sum));
        Run run = new Run(name, sourceIds.size(), seconds, calls.size(), byAction);
        String p = name + ".";
        print(p + "jobs", Integer.toString(sourceIds.size()));
        print(p + "counts", String.valueOf(last[0].get("counts")).replace(' ', '_'));
        print(p + "wall_seconds", String.format("%.1f", seconds));
        print(p + "jobs_per_second", String.format("%.2f", sourceIds.size() / seconds));
        print(p + "calls_per_job", String.format("%.2f", run.callsPerJob()));
        byAction.forEach((action, count) -> print(p + "calls_per_job." + action,
                String.format("%.2f", count / (double) sourceIds.size())));
        print(p + "calls_per_second_max", Long.toString(perSecond.values().stream().mapToLong(Long::longValue)
                .max().orElse(0)));
        print(p + "cpu_seconds", String.format("%.1f", cpu / 1e9));
        print(p + "cpu_share_of_2_cores", String.format("%.2f", cpu / 1e9 / seconds / 2));
        print(p + "heap_peak_mib", Long.toString(peakHeap.get() >> 20));
        return run;
    }

    private static Map<String, String> importAll(AllInOne stack, List<String> instanceIds) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (int from = 0; from < instanceIds.size(); from += 100) {
            List<String> chunk = instanceIds.subList(from, Math.min(instanceIds.size(), from + 100));
            Map<String, Object> imported = client(stack, AllInOneConfig.SOURCE_REGISTRY).post()
                    .uri("/api/v1/sources/ecs").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("regionId", "cn-hangzhou", "instanceIds", chunk)).exchange()
                    .expectStatus().isCreated().expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                    .returnResult().getResponseBody();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> list = (List<Map<String, Object>>) imported.get("sources");
            list.forEach(s -> sources.put((String) s.get("instanceId"), (String) s.get("sourceId")));
        }
        // The executor hears of the sources on osm.sources (or asks source-registry): give the events a moment.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> client(stack,
                AllInOneConfig.SOURCE_REGISTRY).get().uri("/api/v1/sources?size=1").exchange().returnResult(String.class)
                .getResponseHeaders().getFirst("X-Total-Count") != null);
        return sources;
    }

    private static String submit(AllInOne stack, List<String> sourceIds) {
        Map<String, Object> body = Map.of("requestId", "bench-" + java.util.UUID.randomUUID(),
                "destinationOs", "anolis8", "drillMode", "NONE", "acknowledgeRisks", true,
                "maxParallel", Math.min(10_000, sourceIds.size()),
                "targets", sourceIds.stream().map(id -> Map.of("sourceId", id)).toList());
        Map<String, Object> created = client(stack, AllInOneConfig.EXECUTOR).post().uri("/api/v1/migrations")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult()
                .getResponseBody();
        return (String) created.get("batchId");
    }

    private static Map<String, Object> batch(AllInOne stack, String batchId) {
        return client(stack, AllInOneConfig.EXECUTOR).get().uri("/api/v1/migrations/" + batchId + "?jobs=false")
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static String jobState(AllInOne stack, String batchId) {
        Map<String, Object> grid = client(stack, AllInOneConfig.EXECUTOR).get()
                .uri("/api/v1/migrations/" + batchId + "/jobs?size=1").exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) grid.get("jobs");
        return jobs.isEmpty() ? null : (String) jobs.get(0).get("state");
    }

    private static WebTestClient client(AllInOne stack, String service) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + stack.port(service))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 << 20))
                .defaultHeader("Authorization", "Bearer " + TOKEN).responseTimeout(Duration.ofSeconds(60)).build();
    }

    private static List<String> ids(String group, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(String.format("i-bp1bench%s%010d", group, i));
        }
        return ids;
    }

    /** N copies of the demo fleet's clean CentOS 7 instance, each with its own ids. */
    @SuppressWarnings("unchecked")
    private static Path fleet(Path dir, List<String> instanceIds) throws IOException {
        Map<String, Object> template = DemoFleet.instances().stream()
                .filter(i -> DemoFleet.cleanCentos7Instance().equals(i.get("instanceId"))).findFirst().orElseThrow();
        List<Map<String, Object>> instances = new ArrayList<>();
        for (String id : instanceIds) {
            Map<String, Object> copy = JSON.readValue(JSON.writeValueAsString(template), Map.class);
            copy.put("instanceId", id);
            copy.put("instanceName", id.substring(2));
            List<Map<String, Object>> disks = (List<Map<String, Object>>) copy.get("disks");
            for (int d = 0; d < disks.size(); d++) {
                disks.get(d).put("diskId", "d-" + id.substring(2) + d);
            }
            instances.add(copy);
        }
        Map<String, Object> fleet = new LinkedHashMap<>();
        fleet.put("accessKeyId", AllInOne.DEMO_ACCESS_KEY_ID);
        fleet.put("accessKeySecret", AllInOne.DEMO_ACCESS_KEY_SECRET);
        fleet.put("instances", instances);
        Path file = dir.resolve("bench-fleet.json");
        JSON.writeValue(file.toFile(), fleet);
        return file;
    }

    private static void print(String key, String value) {
        System.out.println("BENCH " + key + "=" + value);
    }
}
