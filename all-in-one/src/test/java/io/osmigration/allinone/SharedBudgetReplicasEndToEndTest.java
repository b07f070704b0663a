package io.osmigration.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.osmigration.simulator.ApiCall;
import io.osmigration.simulator.EcsSimulator;

/**
 * Two replicas of every service share one ECS account budget (issue 13): with {@code osm.aliyun.max-calls-per-second}
 * on each replica and the simulator's own account limit both at the budget, a batch runs to the end while the
 * simulator sees no second with more than the budget and answers no call with Throttling. The budget is 10 rather than
 * the 20 (measured at 20 by {@code bench/fleet.sh} with 100 jobs) so that six jobs ask for more than it: with
 * {@code osm.aliyun.budget.shared=false} (each replica keeping the whole budget to itself) this test fails, seconds of
 * 11 and more calls. Its own stack (the shared one keeps the default budget): one all-in-one plus a second replica of
 * each service, on one Kafka broker and one MongoDB.
 */
class SharedBudgetReplicasEndToEndTest {

    private static final String TOKEN = "replicas-token";
    private static final int BUDGET = 10;
    private static final int JOBS = 6;

    private static AllInOne stack;
    private static Replicas second;
    private static FleetFixture fleet;
    private static List<String> instanceIds;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("osm-replicas-");
        instanceIds = FleetFixture.ids("r", JOBS);
        List<String> arguments = List.of(
                "--osm.aliyun.max-calls-per-second=" + BUDGET,
                "--osm.simulator.account-rate-limit-per-second=" + BUDGET,
                "--osm.simulator.fleet-file=" + FleetFixture.writeFleet(dir, instanceIds),
                "--osm.simulator.time-scale=0.001", "--osm.simulator.agent-heartbeat=PT2S",
                "--osm.simulator.snapshot-duration=PT0.5S", "--osm.simulator.reboot-duration=PT0.5S",
                "--osm.executor.reboot-poll-max=2s", "--osm.snapshots.retention=PT0S",
                "--osm.kafka.partitions=4",
                "--logging.level.root=WARN", "--logging.level.io.osmigration=WARN");
        stack = new AllInOne(AllInOneConfig.withFreePorts(dir.resolve("data")), TOKEN, arguments).start();
        second = Replicas.start(stack, 1);
        fleet = new FleetFixture(stack, TOKEN);
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void twoReplicasOfEachServiceCompleteEveryJobWithinTheSharedBudget() {
        assertThat(second.size()).as("a second replica of each of the five services").isEqualTo(5);
        Map<String, String> sources = fleet.importAll(instanceIds);
        String batchId = fleet.submit(instanceIds.stream().map(sources::get).toList());

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() ->
                fleet.batch(batchId).get("finishedAt") != null);

        assertThat(fleet.batch(batchId).get("counts")).isEqualTo(Map.of("COMPLETED", JOBS));
        EcsSimulator sim = stack.contexts().get(0).getBean(EcsSimulator.class);
        assertThat(sim.callsPerSecond(null)).as("calls the simulator received in each second").isNotEmpty()
                .allSatisfy((second, calls) -> assertThat(calls).as("calls in second %d", second)
                        .isLessThanOrEqualTo(BUDGET));
        assertThat(sim.calls()).extracting(ApiCall::errorCode).noneMatch(code -> code != null
                && code.startsWith("Throttling"));
    }
}
