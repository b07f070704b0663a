package io.osmigration.platform.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.LoggerFactory;

import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import ch.qos.logback.classic.Level;
import io.osmigration.infra.EmbeddedInfrastructure;
import io.osmigration.platform.cloud.budget.BudgetStats;
import io.osmigration.platform.cloud.budget.CallBudget;
import io.osmigration.platform.cloud.budget.CallPriority;
import io.osmigration.simulator.EcsSimulatorServer;

/**
 * What the account's call budget costs a replica: calls per second one replica gets through with a budget of 10,000
 * calls/s, against the per-replica token bucket the gateway had before (the baseline, measured in the same run), and
 * against no limit at all. Not part of the suite; run it with
 * <pre>
 * ./mvnw -B -q -pl platform -am verify -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest=CallBudgetOverheadBenchmark -Dosm.bench=budget
 * </pre>
 * It prints a table and writes it to {@code platform/target/budget-overhead.txt}.
 */
@EnabledIfSystemProperty(named = "osm.bench", matches = "budget")
class CallBudgetOverheadBenchmark {

    private static final int BUDGET = 10_000;
    private static final int THREADS = 16;
    private static final int CALLS_PER_ROUND = 4_000;
    private static final int ROUNDS = 5;
    private static final Duration MARGIN = Duration.ofMillis(100);

    @Test
    void callsPerSecondOfOneReplicaWithTheSharedBudgetAgainstTheOldLocalLimiter() throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.osmigration.simulator.calls")).setLevel(Level.WARN);
        try (EcsSimulatorServer simulator = EcsSimulatorServer.start(0, null, null,
                "osm.simulator.rate-limit-per-second=1000000", "osm.simulator.call-log-capacity=1000");
             MongoClient mongo = MongoClients.create(EmbeddedInfrastructure.shared().mongoUri())) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.osmigration.simulator.calls"))
                    .setLevel(Level.WARN);
            MongoDatabase database = mongo.getDatabase("osm_budget_bench");
            Map<String, Supplier<CallBudget>> modes = new LinkedHashMap<>();
            modes.put("old per-replica token bucket (baseline)", () -> new OldPerReplicaLimiter(BUDGET));
            modes.put("no limit at all", Unlimited::new);
            modes.put("budget of this replica alone (in memory)", () -> CallBudget.local(BUDGET, MARGIN,
                    Duration.ofMinutes(1)));
            modes.put("shared budget in MongoDB", () -> CallBudget.shared(database, "bench-" + UUID.randomUUID(),
                    BUDGET, MARGIN, Duration.ofMinutes(1)));

            AliyunProperties properties = new AliyunProperties(simulator.endpoint(), "HTTP", "cn-hangzhou",
                    simulator.engine().accessKeyId(), simulator.engine().accessKeySecret(), BUDGET, 3,
                    Duration.ofMillis(50), Duration.ofSeconds(10));
            run(new EcsGateway(properties, new Unlimited()), 2_000); // warm-up: JIT, connections, simulator

            Map<String, List<Double>> rates = new LinkedHashMap<>();
            Map<String, String> notes = new LinkedHashMap<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (Map.Entry<String, Supplier<CallBudget>> mode : modes.entrySet()) {
                    try (CallBudget budget = mode.getValue().get()) {
                        double rate = run(new EcsGateway(properties, budget), CALLS_PER_ROUND);
                        rates.computeIfAbsent(mode.getKey(), key -> new ArrayList<>()).add(rate);
                        BudgetStats stats = budget.stats();
                        if (stats != null && stats.admittedTotal() > 0) {
                            notes.put(mode.getKey(), String.format(Locale.ROOT,
                                    "%.3f store round trips per call, mean wait for a slot %.2f ms",
                                    (stats.bookings() + stats.refusals()) / (double) stats.admittedTotal(),
                                    stats.meanWait(CallPriority.STEP).toNanos() / 1e6));
                        }
                    }
                }
            }
            double pacedOnly = admissionsPerSecond(CallBudget.shared(database, "bench-" + UUID.randomUUID(), BUDGET,
                    MARGIN, Duration.ofMinutes(1)));
            String report = report(rates, notes, pacedOnly);
            System.out.println(report);
            Files.writeString(Path.of("target", "budget-overhead.txt"), report);
            assertThat(rates).allSatisfy((mode, measured) -> assertThat(measured).allMatch(rate -> rate > 0));
        }
    }

    /** {@code calls} DescribeInstances calls from {@value #THREADS} threads, as fast as they go; calls per second. */
    private static double run(EcsGateway gateway, int calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            long started = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                done.add(threads.submit(() -> {
                    for (int call = 0; call < calls / THREADS; call++) {
                        DescribeInstancesRequest request = new DescribeInstancesRequest();
                        request.setPageSize(1);
                        gateway.call(request, CallPriority.STEP);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            return calls / ((System.nanoTime() - started) / 1e9);
        } finally {
            threads.shutdownNow();
        }
    }

    /** The shared budget alone, without ECS calls behind it: how close admissions come to what it allows. */
    private static double admissionsPerSecond(CallBudget budget) throws Exception {
        try (budget) {
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            int admissions = 20_000;
            long started = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                done.add(threads.submit(() -> {
                    for (int call = 0; call < admissions / THREADS; call++) {
                        budget.acquire(CallPriority.STEP, Duration.ofMinutes(1));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            threads.shutdownNow();
            return admissions / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static String report(Map<String, List<Double>> rates, Map<String, String> notes, double pacedOnly) {
        double baseline = median(rates.values().iterator().next());
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "ECS call budget overhead: one replica, %d threads, budget %d calls/s (paced at %d/s with a %d ms"
                        + " jitter margin), DescribeInstances against the in-process simulator, median of %d rounds"
                        + " of %d calls%n", THREADS, BUDGET, (int) (BUDGET * 1000.0 / (1000 + MARGIN.toMillis())),
                MARGIN.toMillis(), ROUNDS, CALLS_PER_ROUND));
        rates.forEach((mode, measured) -> out.append(String.format(Locale.ROOT, "  %-44s %8.0f calls/s  x%.2f%s%n",
                mode, median(measured), median(measured) / baseline,
                notes.containsKey(mode) ? "  (" + notes.get(mode) + ")" : "")));
        out.append(String.format(Locale.ROOT, "  %-44s %8.0f admissions/s (no ECS call behind them)%n",
                "shared budget alone", pacedOnly));
        return out.toString();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** The gateway's limiter before the shared budget: a token bucket of this process, spacing calls evenly. */
    private static final class OldPerReplicaLimiter extends Unlimited {
        private final long intervalNanos;
        private long next = System.nanoTime();

        OldPerReplicaLimiter(int perSecond) {
            this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        }

        @Override
        public boolean acquire(CallPriority priority, Duration maxWait) {
            long wait;
            synchronized (this) {
                long now = System.nanoTime();
                long slot = Math.max(next, now);
                next = slot + intervalNanos;
                wait = slot - now;
            }
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            return true;
        }
    }

    private static class Unlimited implements CallBudget {
        @Override
        public boolean acquire(CallPriority priority, Duration maxWait) {
            return true;
        }

        @Override
        public void backOff(Duration delay) {
        }

        @Override
        public Duration maxWait() {
            return Duration.ofMinutes(1);
        }

        @Override
        public BudgetStats stats() {
            return null;
        }

        @Override
        public void close() {
        }
    }
}
