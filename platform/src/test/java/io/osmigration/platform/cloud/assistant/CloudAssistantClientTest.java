package io.osmigration.platform.cloud.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.aliyuncs.ecs.model.v20140526.DescribeInvocationResultsRequest;

import io.osmigration.platform.cloud.AliyunProperties;
import io.osmigration.platform.cloud.CloudApiException;
import io.osmigration.platform.cloud.EcsGateway;
import io.osmigration.platform.facts.FactsParser;
import io.osmigration.platform.facts.OnInstanceScripts;
import io.osmigration.platform.facts.ServerFacts;
import io.osmigration.platform.fixtures.FleetFiles;
import io.osmigration.platform.fixtures.RealHosts;
import io.osmigration.simulator.EcsSimulatorServer;

/**
 * The client against the ECS simulator, through the real SDK: real scripts run on fake roots, output goes through
 * the simulator's Cloud Assistant, and big results come back whole. Servers look like real ones: 1,500 real
 * package lines and the 89 real modules of a CentOS 7 guest.
 *
 * <p>The simulator on main keeps the last 24 KB of output; {@code osm.simulator.output-quota} (set below to Cloud
 * Assistant's minimum, 12,000 bytes) takes effect once the simulator honours it. The client never prints more than
 * its budget, so both hold.
 */
class CloudAssistantClientTest {

    private static final String REGION = "cn-hangzhou";
    private static final String GLIBC_I686 = "glibc-2.17-326.el7_9.i686";
    private static final List<String> BIG = List.of("i-bp1bigserver000000a", "i-bp1bigserver000000b",
            "i-bp1bigserver000000c");
    private static final String OFFLINE = "i-bp1offline0000000001";

    @TempDir
    static Path dir;
    private static EcsSimulatorServer simulator;
    private static EcsGateway gateway;
    private static CloudAssistantClient client;

    @BeforeAll
    static void start() {
        List<FleetFiles.Instance> instances = new ArrayList<>();
        int[] i686Positions = {0, 750, 1499};
        for (int i = 0; i < BIG.size(); i++) {
            List<String> packages = new ArrayList<>(RealHosts.packages(1499));
            packages.add(i686Positions[i], GLIBC_I686);
            instances.add(new FleetFiles.Instance(BIG.get(i), "x86_64", FleetFiles.CENTOS7, packages,
                    RealHosts.centos7Modules(), true));
        }
        instances.add(new FleetFiles.Instance(OFFLINE, "x86_64", FleetFiles.CENTOS7, RealHosts.packages(386),
                RealHosts.centos7Modules(), false));
        simulator = EcsSimulatorServer.start(0, FleetFiles.write(dir, instances), dir.resolve("sim"),
                "osm.simulator.output-quota=12000", "osm.simulator.command-timeout-cap=PT3S");
        gateway = new EcsGateway(new AliyunProperties("127.0.0.1:" + simulator.port(), "HTTP", REGION,
                "LTAIosmDemoKey0001", "osm-demo-secret-not-for-production", 500, 3, Duration.ofMillis(20),
                Duration.ofSeconds(10)));
        client = new CloudAssistantClient(gateway, CloudAssistantProperties.defaults()
                .withPolling(Duration.ofMillis(50), Duration.ofMillis(400)), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void factsOfThreeServersWith1500PackagesComeBackWholeThroughOneCollectorInvocation() {
        CommandSpec spec = new CommandSpec("osm-collect-facts", REGION, BIG,
                OnInstanceScripts.load(OnInstanceScripts.COLLECT_FACTS), "test-facts-1500", Duration.ofMinutes(1),
                Capture.STDOUT);

        Map<String, CommandOutcome> outcomes = client.run(spec, Duration.ofSeconds(60));

        assertThat(outcomes).containsOnlyKeys(BIG);
        for (CommandOutcome outcome : outcomes.values()) {
            assertThat(outcome.succeeded()).as(outcome.problem()).isTrue();
            ServerFacts facts = FactsParser.parse(outcome.resultText(), Instant.now());
            assertThat(facts.osId()).isEqualTo("centos");
            assertThat(facts.osVersionId()).isEqualTo("7");
            // The listing's 1,500 packages and the Cloud Assistant agent every ECS image with the agent carries
            assertThat(facts.packages()).hasSize(1501).contains(GLIBC_I686, "bash-4.2.46-35.el7_9.x86_64",
                    "bash-4.4.19-10.el8.x86_64").anyMatch(p -> p.startsWith("aliyun_assist-"));
            assertThat(facts.modules()).hasSize(89).anyMatch(m -> m.startsWith("pata_acpi "))
                    .anyMatch(m -> m.startsWith("floppy "));
        }
        assertThat(printedBytes(outcomes.values().iterator().next().invokeId()))
                .allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(12_000));
    }

    @Test
    void exit194IsARequestedRestartAndCountsAsSuccess() {
        CommandOutcome outcome = single(CommandSpec.of("osm-restart", REGION, BIG.get(0),
                "echo 'osm: restarting into the upgrade'\nexit 194\n", "test-exit-194", Duration.ofMinutes(1),
                Capture.NONE));

        assertThat(outcome.kind()).isEqualTo(CommandOutcome.Kind.RESTART_REQUESTED);
        assertThat(outcome.exitCode()).isEqualTo(194);
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.consoleTail()).contains("restarting into the upgrade");
    }

    @Test
    void aFailingToolKeepsItsExitCodeItsConsoleTailAndItsReport() {
        String script = """
                echo "Inhibitor: Newest installed kernel not in use" >&2
                printf '{"entries": []}\\n' >"$OSM_RESULT_FILE"
                exit 2
                """;
        CommandOutcome outcome = single(CommandSpec.of("osm-preflight", REGION, BIG.get(1), script,
                "test-exit-2", Duration.ofMinutes(1), Capture.FILE));

        assertThat(outcome.kind()).isEqualTo(CommandOutcome.Kind.FAILED);
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.problem()).contains("exited with code 2");
        assertThat(outcome.consoleTail()).contains("Newest installed kernel not in use");
        assertThat(outcome.resultText()).isEqualTo("{\"entries\": []}\n");
    }

    @Test
    void aCommandToAnInstanceWhoseAgentIsOfflineIsReportedAsNotDelivered() {
        assertThat(client.agentStates(REGION, List.of(OFFLINE, BIG.get(0))))
                .containsEntry(BIG.get(0), new AgentState(true, client.agentStates(REGION, List.of(BIG.get(0)))
                        .get(BIG.get(0)).lastHeartbeat()))
                .hasEntrySatisfying(OFFLINE, state -> assertThat(state.online()).isFalse());

        CommandOutcome outcome = single(CommandSpec.of("osm-collect-facts", REGION, OFFLINE, "echo hi\n",
                "test-offline", Duration.ofMinutes(1), Capture.STDOUT));

        assertThat(outcome.kind()).isEqualTo(CommandOutcome.Kind.NOT_DELIVERED);
        assertThat(outcome.problem()).contains("never reached the instance").contains(OFFLINE);
    }

    @Test
    void aScriptLongerThanItsTimeoutIsTimedOut() {
        CommandOutcome outcome = single(CommandSpec.of("osm-slow", REGION, BIG.get(2), "sleep 30\n", "test-timeout",
                Duration.ofSeconds(10), Capture.NONE));

        assertThat(outcome.kind()).isEqualTo(CommandOutcome.Kind.TIMED_OUT);
        assertThat(outcome.ranToEnd()).isFalse();
    }

    @Test
    void aCallerThatStopsWaitingCanPickTheSameInvocationUpLater() {
        Invocation invocation = client.start(CommandSpec.of("osm-later", REGION, BIG.get(0),
                "sleep 1\necho done\n", "test-later", Duration.ofMinutes(1), Capture.STDOUT));

        CommandOutcome early = client.await(invocation, Duration.ofMillis(100)).get(BIG.get(0));
        assertThat(early.kind()).isEqualTo(CommandOutcome.Kind.STILL_RUNNING);

        Invocation again = client.start(CommandSpec.of("osm-later", REGION, BIG.get(0),
                "sleep 1\necho done\n", "test-later", Duration.ofMinutes(1), Capture.STDOUT));
        assertThat(again.invokeId()).isEqualTo(invocation.invokeId());
        CommandOutcome late = client.await(again, Duration.ofSeconds(30)).get(BIG.get(0));
        assertThat(late.kind()).isEqualTo(CommandOutcome.Kind.SUCCEEDED);
        assertThat(late.resultText()).isEqualTo("done\n");
    }

    @Test
    void pollingManyInvocationsStartedAMomentAgoReadsThemRunningOrEndedFromOnePageOfTheNewestRecords() {
        List<Invocation> running = new ArrayList<>();
        for (String instance : BIG) {
            running.add(client.start(CommandSpec.of("osm-slow", REGION, instance, "sleep 2.8\necho slow\n",
                    "test-poll-slow-" + instance, Duration.ofMinutes(1), Capture.STDOUT)));
        }
        Invocation quick = client.start(CommandSpec.of("osm-quick", REGION, BIG.get(0), "echo quick\n",
                "test-poll-quick", Duration.ofMinutes(1), Capture.STDOUT));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                client.poll(List.of(quick)).get(quick.invokeId()).get(BIG.get(0)).finished());
        List<Invocation> all = new ArrayList<>(running);
        all.add(quick);
        int before = simulator.engine().calls("DescribeInvocationResults", null).size();

        Map<String, Map<String, InvocationResult>> polled = client.poll(all);

        List<io.osmigration.simulator.ApiCall> calls = simulator.engine().calls("DescribeInvocationResults", null);
        List<io.osmigration.simulator.ApiCall> made = calls.subList(before, calls.size());
        // One page of the account's newest records holds all of them, the ended one with its output: no read by id.
        assertThat(made).hasSize(1);
        assertThat(made.get(0).params()).doesNotContainKeys("InvokeId", "InvokeRecordStatus");
        InvocationResult ended = polled.get(quick.invokeId()).get(BIG.get(0));
        assertThat(ended.status()).isEqualTo("Success");
        assertThat(client.outcomes(quick, List.of(ended)).get(BIG.get(0)).resultText()).isEqualTo("quick\n");
        assertThat(running).allSatisfy(slow -> assertThat(polled.get(slow.invokeId())).hasSize(1));
        assertThat(polled.keySet()).containsExactlyInAnyOrderElementsOf(all.stream().map(Invocation::invokeId).toList());
    }

    @Test
    void aRecordNotAmongTheNewestIsReadByItsInvokeId() {
        Invocation old = client.start(CommandSpec.of("osm-old", REGION, BIG.get(1), "echo old\n", "test-poll-old",
                Duration.ofMinutes(1), Capture.STDOUT));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                client.poll(List.of(old)).get(old.invokeId()).get(BIG.get(1)).finished());
        List<Invocation> newer = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            newer.add(client.start(CommandSpec.of("osm-newer", REGION, BIG.get(2), "true\n", "test-poll-newer-" + i,
                    Duration.ofMinutes(1), Capture.NONE)));
        }
        List<Invocation> asked = List.of(old, newer.get(59), newer.get(58));
        int before = simulator.engine().calls("DescribeInvocationResults", null).size();

        Map<String, Map<String, InvocationResult>> polled = client.poll(asked);

        List<io.osmigration.simulator.ApiCall> made = simulator.engine().calls("DescribeInvocationResults", null)
                .subList(before, simulator.engine().calls("DescribeInvocationResults", null).size());
        // The two newest from the first page; the old one, 60 records further down, by its id.
        assertThat(made).extracting(call -> call.params().get("InvokeId")).containsExactly(null, old.invokeId());
        assertThat(polled.get(old.invokeId()).get(BIG.get(1)).status()).isEqualTo("Success");
        assertThat(polled.get(newer.get(59).invokeId())).containsKey(BIG.get(2));
        assertThat(polled.get(newer.get(58).invokeId())).containsKey(BIG.get(2));
    }

    @Test
    void anUnknownInstanceIsRefusedByEcsWithItsErrorCode() {
        assertThatThrownBy(() -> client.start(CommandSpec.of("osm-x", REGION, "i-bp1doesnotexist00000", "true\n",
                "test-unknown", Duration.ofMinutes(1), Capture.NONE)))
                .isInstanceOfSatisfying(CloudApiException.class, e -> assertThat(e.action()).isEqualTo("RunCommand"));
    }

    private static CommandOutcome single(CommandSpec spec) {
        return client.run(spec, Duration.ofSeconds(30)).get(spec.instanceIds().get(0));
    }

    /** What the simulator's Cloud Assistant returned, per instance, for the invocation: never more than the budget. */
    private static List<Integer> printedBytes(String invokeId) {
        DescribeInvocationResultsRequest request = new DescribeInvocationResultsRequest();
        request.setSysRegionId(REGION);
        request.setInvokeId(invokeId);
        request.setPageSize(50L);
        return gateway.call(request).getInvocation().getInvocationResults().stream()
                .map(r -> Base64.getMimeDecoder().decode(r.getOutput()).length).toList();
    }
}
