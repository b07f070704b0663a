package io.osmigration.platform.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.StartInstanceRequest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.osmigration.platform.cloud.assistant.Capture;
import io.osmigration.platform.cloud.assistant.CloudAssistantClient;
import io.osmigration.platform.cloud.assistant.CloudAssistantProperties;
import io.osmigration.platform.cloud.assistant.CommandOutcome;
import io.osmigration.platform.cloud.assistant.CommandSpec;
import io.osmigration.platform.cloud.budget.CallBudget;
import io.osmigration.platform.fixtures.FleetFiles;
import io.osmigration.platform.fixtures.RealHosts;
import io.osmigration.simulator.ApiCall;
import io.osmigration.simulator.EcsSimulatorServer;

/**
 * {@code osm_ecs_calls_total} counts exactly what ECS received: against a simulator that answers a third of the
 * calls with Throttling, the gateway's counts per action and outcome equal the simulator's call log. The Cloud
 * Assistant client records the sizes of what came back.
 */
class EcsCallMetricsTest {

    private static final String REGION = "cn-hangzhou";
    private static final String INSTANCE = "i-bp1metrics0000000001";

    @TempDir
    static Path dir;
    private static EcsSimulatorServer simulator;

    @BeforeAll
    static void start() {
        simulator = EcsSimulatorServer.start(0, FleetFiles.write(dir, List.of(new FleetFiles.Instance(INSTANCE,
                        "x86_64", FleetFiles.CENTOS7, RealHosts.packages(400), RealHosts.centos7Modules(), true))),
                dir.resolve("sim"), "osm.simulator.throttle-ratio=0.3");
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void callsCountedPerActionAndOutcomeMatchTheSimulatorsCallLogThrottlingIncluded() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AliyunProperties properties = new AliyunProperties("127.0.0.1:" + simulator.port(), "HTTP", REGION,
                "LTAIosmDemoKey0001", "osm-demo-secret-not-for-production", 500, 3, Duration.ofMillis(5),
                Duration.ofSeconds(10));
        EcsGateway gateway = new EcsGateway(properties, CloudCredentials.provider(properties,
                CredentialsProperties.accessKey(), Clock.systemUTC()), CallBudget.local(500), meters);
        simulator.engine().clearCalls();

        for (int i = 0; i < 30; i++) {
            DescribeInstancesRequest describe = new DescribeInstancesRequest();
            describe.setInstanceIds("[\"" + INSTANCE + "\"]");
            assertThat(gateway.call(describe).getInstances()).hasSize(1);
        }
        StartInstanceRequest unknown = new StartInstanceRequest();
        unknown.setInstanceId("i-bp1doesnotexist00001");
        assertThatThrownBy(() -> gateway.call(unknown)).isInstanceOf(CloudApiException.class);
        CloudAssistantClient assistant = new CloudAssistantClient(gateway, CloudAssistantProperties.defaults()
                .withPolling(Duration.ofMillis(20), Duration.ofMillis(200)), Clock.systemUTC(), meters);
        Map<String, CommandOutcome> outcomes = assistant.run(CommandSpec.of("osm-metrics-test", REGION, INSTANCE,
                "seq 1 2000\n", "metrics-test-1", Duration.ofMinutes(1), Capture.STDOUT), Duration.ofSeconds(30));
        assertThat(outcomes.get(INSTANCE).succeeded()).as(outcomes.get(INSTANCE).problem()).isTrue();

        Map<String, Long> logged = simulator.engine().calls().stream().collect(Collectors.groupingBy(
                call -> call.action() + " " + outcome(call), TreeMap::new, Collectors.counting()));
        Map<String, Long> counted = meters.find(EcsCallMetrics.CALLS).counters().stream().collect(Collectors.toMap(
                c -> c.getId().getTag("action") + " " + c.getId().getTag("outcome"), c -> (long) c.count(),
                Long::sum, TreeMap::new));
        assertThat(counted).isEqualTo(logged);
        assertThat(counted).containsKey("DescribeInstances Throttling")
                .containsKey("StartInstance InvalidInstanceId.NotFound");

        DistributionSummary output = meters.find("osm.cloud.assistant.output").tag("command", "osm-metrics-test")
                .summary();
        assertThat(output).isNotNull();
        assertThat(output.count()).isEqualTo(1);
        assertThat(output.totalAmount()).isPositive();
        DistributionSummary result = meters.find("osm.cloud.assistant.result").tag("command", "osm-metrics-test")
                .summary();
        assertThat(result.totalAmount()).isEqualTo(outcomes.get(INSTANCE).resultText().length());
        Counter dropped = meters.find("osm.cloud.assistant.output.dropped").counter();
        assertThat(dropped.count()).isZero();
    }

    private static String outcome(ApiCall call) {
        return call.errorCode() == null ? EcsCallMetrics.SUCCESS : call.errorCode();
    }
}
