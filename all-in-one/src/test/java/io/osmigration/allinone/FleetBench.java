package io.osmigration.allinone;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.osmigration.simulator.ApiCall;
import io.osmigration.simulator.EcsSimulator;

/**
 * The fleet benchmark of issue 13, on the all-in-one stack (every service, the real SDK, the simulator): batches of
 * healthy instances with instant simulated steps (N, then 4N), then jobs waiting in a step that does not end. Prints
 * {@code BENCH key=value} lines that {@code bench/fleet.sh} turns into a table, with ratios against a baseline run.
 * Not a test: it only runs when asked ({@code -Dosm.bench=fleet}, see {@code bench/README.md}).
 *
 * <p>Settings (system properties, set by {@code bench/fleet.sh}): {@code osm.bench.size} N; {@code osm.bench.runs}
 * which batches ({@code n,4n}, {@code n}, {@code 4n}); {@code osm.bench.waiting} how many jobs wait in the endless
 * step (0: none); {@code osm.bench.watch} how long they are watched; {@code osm.bench.replicas} replicas of each
 * service; {@code osm.bench.budget} the account's calls per second ({@code osm.aliyun.max-calls-per-second} on every
 * replica, and the simulator's own account limit); {@code osm.bench.sample} how often the jobs' stages are sampled;
 * {@code osm.bench.max-parallel} the batches' maxParallel (default: the whole batch); {@code osm.bench.args} extra {@code --osm.…} arguments for every service.
 */
@EnabledIfSystemProperty(named = "osm.bench", matches = "fleet")
class FleetBench {

    private static final String TOKEN = "bench-token";
    /** USER_HZ: the unit of /proc's CPU times on Linux. */
    private static final int CLOCK_TICKS = 100;

    @Test
    void fleet() throws Exception {
        int n = Integer.getInteger("osm.bench.size", 100);
        List<String> runs = Arrays.stream(System.getProperty("osm.bench.runs", "n,4n").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        int waitingJobs = Integer.getInteger("osm.bench.waiting", 1);
        Duration watch = Duration.parse(System.getProperty("osm.bench.watch", "PT60S"));
        int replicas = Integer.getInteger("osm.bench.replicas", 1);
        int budget = Integer.getInteger("osm.bench.budget", 50);
        Duration sample = Duration.parse(System.getProperty("osm.bench.sample", "PT5S"));
        String args = System.getProperty("osm.bench.args", "").trim();

        Map<String, List<String>> instances = new LinkedHashMap<>();
        for (String run : runs) {
            instances.put(run, FleetFixture.ids(run.replaceAll("[^a-z0-9]", ""), sizeOf(run, n)));
        }
        instances.put("wait", FleetFixture.ids("w", waitingJobs));
        List<String> all = instances.values().stream().flatMap(List::stream).toList();

        List<String> extra = new ArrayList<>(List.of("--osm.executor.max-batch-size=" + Math.max(5000, 2 * all.size()),
                "--logging.level.root=WARN", "--logging.level.io.osmigration=WARN",
                "--osm.aliyun.max-calls-per-second=" + budget,
                // The simulator answers Throttling.User beyond the budget, as ECS does beyond the account's quota.
                "--osm.simulator.account-rate-limit-per-second=" + budget,
                "--osm.simulator.call-log-capacity=" + Math.max(100_000, 60 * all.size())));
        if (!args.isEmpty()) {
            extra.addAll(List.of(args.split("\\s+")));
        }
        Path dir = Files.createTempDirectory("osm-bench-");
        extra.add("--osm.simulator.fleet-file=" + FleetFixture.writeFleet(dir, all));
        print("config", args.isEmpty() ? "defaults" : args.replace(' ', ','));
        print("replicas", Integer.toString(replicas));
        print("budget", Integer.toString(budget));
        try (AllInOne stack = new AllInOne(AllInOneConfig.withFreePorts(dir.resolve("data")), TOKEN, extra);
             Replicas more = startStack(stack, replicas)) {
            FleetFixture fleet = new FleetFixture(stack, TOKEN);
            EcsSimulator sim = stack.contexts().get(0).getBean(EcsSimulator.class);
            Map<String, String> sources = fleet.importAll(all);
            try (StageSampler sampler = new StageSampler(stack.infrastructure().mongoUri())) {
                Map<String, Run> done = new HashMap<>();
                for (String run : runs) {
                    done.put(run, run(fleet, sim, sampler, sample, run, budget,
                            instances.get(run).stream().map(sources::get).toList()));
                }
                if (done.containsKey("n") && done.containsKey("4n")) {
                    print("growth.time_per_work", String.format("%.2f",
                            done.get("4n").seconds / done.get("n").seconds / 4.0));
                    print("growth.calls_per_job", String.format("%.2f",
                            done.get("4n").callsPerJob() / done.get("n").callsPerJob()));
                }
                if (waitingJobs > 0) {
                    waiting(fleet, sim, sampler, budget, watch, instances.get("wait"), sources);
                }
            }
        }
    }

    private static int sizeOf(String run, int n) {
        if ("n".equals(run)) {
            return n;
        }
        if (run.endsWith("n")) {
            return Integer.parseInt(run.substring(0, run.length() - 1)) * n;
        }
        throw new IllegalArgumentException("osm.bench.runs: n, 4n, … expected, was " + run);
    }

    private static Replicas startStack(AllInOne stack, int replicas) {
        stack.start();
        long started = System.nanoTime();
        Replicas more = Replicas.start(stack, replicas - 1);
        if (replicas > 1) {
            print("replicas.start_seconds", String.format("%.1f", (System.nanoTime() - started) / 1e9));
        }
        return more;
    }

    private record Run(String name, int jobs, double seconds, long calls) {
        double callsPerJob() {
            return calls / (double) jobs;
        }
    }

    private static Run run(FleetFixture fleet, EcsSimulator sim, StageSampler sampler, Duration sampleEvery,
                           String name, int budget, List<String> sourceIds) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String p = name + ".";
        print(p + "loadavg_before", loadAverage());
        System.gc();
        HeapSampler heap = HeapSampler.start();
        long cpuBefore = os.getProcessCpuTime();
        long[] machineBefore = machineTicks();
        long scriptsBefore = reapedChildrenTicks();
        Instant from = Instant.now();
        long started = System.nanoTime();
        // A job waits in PENDING for a slot with no deadline; PRECHECKING has one (30 minutes by default).
        String batchId = fleet.submit(sourceIds, Integer.getInteger("osm.bench.max-parallel", sourceIds.size()));
        Map<String, Object>[] last = new Map[1];
        StageSampler.Occupancy occupancy = sampler.watch(batchId, sampleEvery, name);
        await().atMost(Duration.ofHours(6)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            last[0] = fleet.batch(batchId);
            return last[0].get("finishedAt") != null;
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        occupancy.stop();
        long cpu = os.getProcessCpuTime() - cpuBefore;
        long[] machineAfter = machineTicks();
        long scripts = reapedChildrenTicks() - scriptsBefore;
        long peakHeap = heap.stop();
        List<ApiCall> calls = sim.calls().stream().filter(c -> !c.time().isBefore(from)).toList();
        Map<String, Long> byAction = new TreeMap<>();
        calls.forEach(call -> byAction.merge(call.action(), 1L, Long::sum));
        Run run = new Run(name, sourceIds.size(), seconds, calls.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) last[0].get("counts");
        print(p + "jobs", Integer.toString(sourceIds.size()));
        print(p + "jobs_completed", String.valueOf(counts.getOrDefault("COMPLETED", 0)));
        print(p + "jobs_not_completed", Long.toString(sourceIds.size()
                - ((Number) counts.getOrDefault("COMPLETED", 0)).longValue()));
        print(p + "counts", String.valueOf(counts).replace(' ', '_'));
        print(p + "wall_seconds", String.format("%.1f", seconds));
        print(p + "jobs_per_second", String.format("%.2f", sourceIds.size() / seconds));
        print(p + "calls_per_job", String.format("%.2f", run.callsPerJob()));
        byAction.forEach((action, count) -> print(p + "calls_per_job." + action,
                String.format("%.2f", count / (double) sourceIds.size())));
        printRate(p, calls, budget, seconds);
        print(p + "cpu_seconds", String.format("%.1f", cpu / 1e9));
        print(p + "cpu_share_of_2_cores", String.format("%.2f", cpu / 1e9 / seconds / 2));
        // The simulated fleet's own work: the step scripts and their tools are processes this JVM starts and reaps,
        // which its process CPU time above leaves out; the machine's share says whether the cores were the limit.
        print(p + "fleet_scripts_cpu_seconds", String.format("%.1f", scripts / (double) CLOCK_TICKS));
        if (machineBefore[1] > 0 && machineAfter[1] > machineBefore[1]) {
            print(p + "machine_busy_share", String.format("%.2f", (machineAfter[0] - machineBefore[0])
                    / (double) (machineAfter[1] - machineBefore[1])));
        }
        print(p + "heap_peak_mib", Long.toString(peakHeap >> 20));
        print(p + "loadavg_after", loadAverage());
        sampler.replicas(batchId).forEach((service, byReplica) ->
                print(p + "docs_by_replica." + service, byReplica.values().stream().map(String::valueOf)
                        .reduce((a, b) -> a + "/" + b).orElse("0")));
        // Little's law: the jobs sampled in a stage, integrated over time, divided by the jobs = the mean time a job
        // spent there. The stage where that is largest is the queue.
        occupancy.secondsPerJob(sourceIds.size()).forEach((stage, secs) ->
                print(p + "stage_seconds_per_job." + stage, String.format("%.1f", secs)));
        return run;
    }

    /** How the calls kept to the budget: the busiest second, the seconds over it, the Throttling answers. */
    private static void printRate(String p, List<ApiCall> calls, int budget, double seconds) {
        Map<Long, Long> perSecond = new HashMap<>();
        calls.forEach(call -> perSecond.merge(call.time().getEpochSecond(), 1L, Long::sum));
        print(p + "calls_per_second_mean", String.format("%.2f", calls.size() / seconds));
        print(p + "calls_per_second_max", Long.toString(perSecond.values().stream().mapToLong(Long::longValue)
                .max().orElse(0)));
        print(p + "seconds_over_budget", Long.toString(perSecond.values().stream().filter(c -> c > budget).count()));
        print(p + "throttling_answers", Long.toString(calls.stream()
                .filter(c -> c.errorCode() != null && c.errorCode().startsWith("Throttling")).count()));
    }

    /**
     * Jobs whose first command hangs once their precheck is through (commands hang from SNAPSHOTTING on: snapshots
     * take 2 s), watched for {@code watch} while they wait in that step: calls per second and per job, Throttling, and
     * whether the executor still reads every one of them.
     */
    private static void waiting(FleetFixture fleet, EcsSimulator sim, StageSampler sampler, int budget, Duration watch,
                                List<String> instanceIds, Map<String, String> sources) throws Exception {
        int count = instanceIds.size();
        print("wait.loadavg_before", loadAverage());
        long started = System.nanoTime();
        String batchId = fleet.submit(instanceIds.stream().map(sources::get).toList());
        Map<String, Integer> runCommandsAtHang = new ConcurrentHashMap<>();
        Set<String> finishedEarly = ConcurrentHashMap.newKeySet();
        await().atMost(Duration.ofHours(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<String, String> states = sampler.jobStates(batchId);
            List<String> toHang = states.entrySet().stream().filter(e -> waitsForSnapshotsOrSteps(e.getValue())
                    && !runCommandsAtHang.containsKey(e.getKey())).map(Map.Entry::getKey).toList();
            if (!toHang.isEmpty()) {
                // RunCommands so far, counted in one pass over the call log; then the instance's commands hang.
                Map<String, Integer> sent = runCommandsPerInstance(sim);
                toHang.forEach(instanceId -> {
                    runCommandsAtHang.put(instanceId, sent.getOrDefault(instanceId, 0));
                    sim.setCommandsHang(instanceId, true);
                });
            }
            states.forEach((instanceId, state) -> {
                if (!waitsForSnapshotsOrSteps(state) && !"PRECHECKING".equals(state) && !"PENDING".equals(state)
                        && !runCommandsAtHang.containsKey(instanceId)) {
                    finishedEarly.add(instanceId + "=" + state);
                }
            });
            return runCommandsAtHang.size() + finishedEarly.size() >= count;
        });
        // Every hung job has sent its step's command (which now hangs) and waits for it, or has ended: a job whose
        // last command was on its way when its commands were made to hang finishes (or fails) without waiting.
        await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, Integer> sent = runCommandsPerInstance(sim);
            Map<String, String> states = sampler.jobStates(batchId);
            return runCommandsAtHang.entrySet().stream().allMatch(e -> sent.getOrDefault(e.getKey(), 0) > e.getValue()
                    || !waitsForSnapshotsOrSteps(states.get(e.getKey())));
        });
        Map<String, String> atStart = sampler.jobStates(batchId);
        runCommandsAtHang.keySet().removeIf(instanceId -> {
            if (waitsForSnapshotsOrSteps(atStart.get(instanceId))) {
                return false;
            }
            finishedEarly.add(instanceId + "=" + atStart.get(instanceId));
            return true;
        });
        print("wait.jobs", Integer.toString(runCommandsAtHang.size()));
        print("wait.jobs_not_waiting", Integer.toString(finishedEarly.size()));
        print("wait.setup_seconds", String.format("%.1f", (System.nanoTime() - started) / 1e9));
        Set<String> waitingIds = new HashSet<>(runCommandsAtHang.keySet());

        HeapSampler heap = HeapSampler.start();
        Instant from = Instant.now();
        Thread.sleep(watch.toMillis());
        Instant to = Instant.now();
        long peakHeap = heap.stop();
        double seconds = Duration.between(from, to).toMillis() / 1000.0;
        List<ApiCall> calls = sim.calls().stream().filter(c -> !c.time().isBefore(from) && c.time().isBefore(to))
                .toList();
        Map<String, Long> byAction = new TreeMap<>();
        calls.forEach(call -> byAction.merge(call.action(), 1L, Long::sum));
        print("wait.seconds", String.format("%.0f", seconds));
        print("wait.calls", Integer.toString(calls.size()));
        print("wait.calls_per_second", String.format("%.3f", calls.size() / seconds));
        byAction.forEach((action, c) -> print("wait.calls." + action, Long.toString(c)));
        printRate("wait.", calls, budget, seconds);
        // Linear extrapolation of the window to 10 minutes: the poll interval backs off while a step lasts, so a
        // window that starts with the step overstates what the rest of a long step costs.
        print("wait.calls_per_job_per_10min_extrapolated", String.format("%.1f",
                calls.size() / (double) Math.max(1, waitingIds.size()) / seconds * 600));
        // Does the executor still read every job? The last call in the window naming each waiting instance.
        Map<String, Instant> lastRead = new HashMap<>();
        Map<String, Integer> reads = new HashMap<>();
        for (ApiCall call : calls) {
            for (String id : call.instanceIds()) {
                if (waitingIds.contains(id)) {
                    lastRead.put(id, call.time());
                    reads.merge(id, 1, Integer::sum);
                }
            }
        }
        print("wait.jobs_read_in_window", Integer.toString(lastRead.size()));
        print("wait.jobs_never_read_in_window", Integer.toString(waitingIds.size() - lastRead.size()));
        long oldest = waitingIds.stream().mapToLong(id -> lastRead.containsKey(id)
                ? Duration.between(lastRead.get(id), to).toSeconds() : (long) seconds).max().orElse(0);
        print("wait.oldest_last_read_seconds_ago", Long.toString(oldest));
        int[] perJob = waitingIds.stream().mapToInt(id -> reads.getOrDefault(id, 0)).sorted().toArray();
        if (perJob.length > 0) {
            print("wait.reads_per_job_min_median_max", perJob[0] + "/" + perJob[perJob.length / 2] + "/"
                    + perJob[perJob.length - 1]);
        }
        print("wait.jobs_still_migrating_at_end", Long.toString(sampler.jobStates(batchId).values().stream()
                .filter("MIGRATING"::equals).count()));
        print("wait.heap_peak_mib", Long.toString(peakHeap >> 20));
        print("wait.loadavg_after", loadAverage());
        fleet.cancel(batchId);
    }

    private static boolean waitsForSnapshotsOrSteps(String state) {
        return "SNAPSHOTTING".equals(state) || "MIGRATING".equals(state);
    }

    private static Map<String, Integer> runCommandsPerInstance(EcsSimulator sim) {
        Map<String, Integer> sent = new HashMap<>();
        sim.calls("RunCommand", null).forEach(call -> call.instanceIds().forEach(id -> sent.merge(id, 1, Integer::sum)));
        return sent;
    }

    /** The JVM's heap, sampled every 500 ms. */
    private static final class HeapSampler {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;

        private HeapSampler() {
            var memory = ManagementFactory.getMemoryMXBean();
            thread = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-heap");
            thread.setDaemon(true);
        }

        static HeapSampler start() {
            HeapSampler sampler = new HeapSampler();
            sampler.thread.start();
            return sampler;
        }

        long stop() {
            thread.interrupt();
            return peak.get();
        }
    }

    /** The machine's busy and total CPU time since boot (/proc/stat, every core), in ticks; zeros where unknown. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** CPU time of this JVM's children that have ended and been reaped (/proc/self/stat cutime + cstime), in ticks. */
    private static long reapedChildrenTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.parseLong(f[13]) + Long.parseLong(f[14]); // fields 16 and 17 of proc(5)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + "/" + fields[1] + "/" + fields[2];
        } catch (IOException | RuntimeException e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    static void print(String key, String value) {
        System.out.println("BENCH " + key + "=" + value);
    }
}
