package io.osmigration.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import com.aliyuncs.ecs.model.v20140526.DescribeCloudAssistantStatusRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationResultsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationResultsResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeRegionsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeRegionsResponse;
import com.aliyuncs.ecs.model.v20140526.RunCommandRequest;
import com.aliyuncs.exceptions.ClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API details through the real SDK over HTTP: regions, paging by NextToken, batch limits, the account-wide budget. */
class EcsApiTest {

    static final int FLEET = 120;

    @TempDir
    static Path dir;
    static EcsSimulatorServer server;
    static SdkSupport sdk;

    @BeforeAll
    static void start() throws Exception {
        StringBuilder instances = new StringBuilder();
        for (int i = 0; i < FLEET; i++) {
            instances.append(i == 0 ? "" : ",").append("{\"instanceId\": \"i-bp1api").append(String.format("%04d", i)).append("\"}");
        }
        Path fleet = dir.resolve("fleet.json");
        Files.writeString(fleet, "{\"instances\": [" + instances + "]}");
        server = EcsSimulatorServer.start(0, fleet, dir.resolve("work"), "osm.simulator.rate-limit-per-second=100000");
        sdk = new SdkSupport(server.endpoint(), Fleet.DEMO_ACCESS_KEY_ID, Fleet.DEMO_ACCESS_KEY_SECRET);
    }

    @AfterAll
    static void stop() {
        sdk.close();
        server.close();
    }

    private static String id(int i) {
        return "i-bp1api" + String.format("%04d", i);
    }

    @Test
    void describeRegionsListsTheFleetsRegionWithItsEndpoint() throws Exception {
        DescribeRegionsResponse r = sdk.call(new DescribeRegionsRequest());
        assertThat(r.getRegions()).anySatisfy(region -> {
            assertThat(region.getRegionId()).isEqualTo("cn-hangzhou");
            assertThat(region.getRegionEndpoint()).isEqualTo("ecs.cn-hangzhou.aliyuncs.com");
            assertThat(region.getStatus()).isEqualTo("available");
        });
        assertThat(r.getRegions()).hasSizeGreaterThan(20);
    }

    @Test
    void describeInstancesPagesWithMaxResultsAndNextToken() throws Exception {
        Set<String> seen = new LinkedHashSet<>();
        String token = null;
        int pages = 0;
        do {
            DescribeInstancesRequest req = new DescribeInstancesRequest();
            req.setMaxResults(50);
            req.setNextToken(token);
            DescribeInstancesResponse page = sdk.call(req);
            page.getInstances().forEach(i -> seen.add(i.getInstanceId()));
            token = page.getNextToken();
            pages++;
        } while (token != null && !token.isEmpty());
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(FLEET);
        DescribeInstancesRequest bad = new DescribeInstancesRequest();
        bad.setNextToken("not-a-token");
        assertThatThrownBy(() -> sdk.call(bad)).satisfies(e -> assertThat(((ClientException) e).getErrCode()).isEqualTo("InvalidNextToken.Malformed"));
        DescribeInstancesRequest tooMany = new DescribeInstancesRequest();
        tooMany.setMaxResults(101);
        assertThatThrownBy(() -> sdk.call(tooMany)).isInstanceOf(ClientException.class);
    }

    @Test
    void describeInstancesTakesUpToAHundredIds() throws Exception {
        DescribeInstancesRequest req = new DescribeInstancesRequest();
        req.setInstanceIds(json(IntStream.range(0, 100).mapToObj(EcsApiTest::id).toList()));
        req.setPageSize(100);
        assertThat(sdk.call(req).getInstances()).hasSize(100);
        DescribeInstancesRequest tooMany = new DescribeInstancesRequest();
        tooMany.setInstanceIds(json(IntStream.range(0, 101).mapToObj(EcsApiTest::id).toList()));
        assertThatThrownBy(() -> sdk.call(tooMany)).isInstanceOf(ClientException.class);
    }

    @Test
    void describeCloudAssistantStatusTakesUpToFiftyIdsAndNamesAnUnknownOne() throws Exception {
        DescribeCloudAssistantStatusRequest req = new DescribeCloudAssistantStatusRequest();
        req.setInstanceIds(IntStream.range(0, 50).mapToObj(EcsApiTest::id).toList());
        assertThat(sdk.call(req).getInstanceCloudAssistantStatusSet()).hasSize(50)
                .allSatisfy(s -> assertThat(s.getCloudAssistantStatus()).isEqualTo("true"));
        DescribeCloudAssistantStatusRequest tooMany = new DescribeCloudAssistantStatusRequest();
        tooMany.setInstanceIds(IntStream.range(0, 51).mapToObj(EcsApiTest::id).toList());
        assertThatThrownBy(() -> sdk.call(tooMany)).isInstanceOf(ClientException.class);
        DescribeCloudAssistantStatusRequest unknown = new DescribeCloudAssistantStatusRequest();
        unknown.setInstanceIds(List.of("i-nothere"));
        assertThatThrownBy(() -> sdk.call(unknown)).satisfies(e -> assertThat(((ClientException) e).getErrCode()).isEqualTo("InvalidInstance.NotFound"));
    }

    @Test
    void oneRunCommandForManyInstancesAndItsResultsPagedByNextToken() throws Exception {
        RunCommandRequest run = new RunCommandRequest();
        run.setInstanceIds(IntStream.range(0, 60).mapToObj(EcsApiTest::id).toList());
        run.setType("RunShellScript");
        run.setCommandContent("echo ok");
        String invokeId = sdk.call(run).getInvokeId();
        List<DescribeInvocationResultsResponse.Invocation.InvocationResult> all = new ArrayList<>();
        String token = null;
        do {
            DescribeInvocationResultsRequest req = new DescribeInvocationResultsRequest();
            req.setInvokeId(invokeId);
            req.setMaxResults(50);
            req.setNextToken(token);
            DescribeInvocationResultsResponse.Invocation page = sdk.call(req).getInvocation();
            all.addAll(page.getInvocationResults());
            token = page.getNextToken();
        } while (token != null && !token.isEmpty());
        assertThat(all).hasSize(60).extracting(r -> r.getInstanceId()).doesNotHaveDuplicates();
        DescribeInvocationResultsRequest tooBig = new DescribeInvocationResultsRequest();
        tooBig.setPageSize(51L);
        assertThatThrownBy(() -> sdk.call(tooBig)).satisfies(e -> assertThat(((ClientException) e).getErrCode()).isEqualTo("InvalidParam.PageSize"));
        RunCommandRequest over = new RunCommandRequest();
        over.setInstanceIds(IntStream.range(0, 101).mapToObj(EcsApiTest::id).toList());
        over.setType("RunShellScript");
        over.setCommandContent("true");
        assertThatThrownBy(() -> sdk.call(over)).satisfies(e -> assertThat(((ClientException) e).getErrCode()).isEqualTo("InstanceIds.ExceedLimit"));
    }

    @Test
    void anAccountWideBudgetThrottlesEveryActionTogether(@TempDir Path own) {
        // Engine only: a second HTTP server in this JVM would share (and on close dispose) Reactor Netty's resources.
        try (EngineHarness limited = new EngineHarness(SimulatorSettings.defaults().withWorkDir(own).withRateLimit(1000, 0.0)
                .withAccountRateLimit(5))) {
            int throttled = 0;
            for (int i = 0; i < 12; i++) {
                ApiResponse r = limited.call(i % 2 == 0 ? "DescribeInstances" : "DescribeRegions", Map.of());
                if (r.isError()) {
                    assertThat(r.body()).containsEntry("Code", "Throttling.User");
                    throttled++;
                }
            }
            assertThat(throttled).as("5 tokens for both actions together, refilled at 5/s").isBetween(5, 7);
            assertThat(limited.sim.callsPerSecond(null).values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(12);
            assertThat(limited.sim.maxCallsPerSecond("DescribeRegions")).isBetween(1, 6);
        }
    }

    @Test
    void theCallLogCountsCallsPerSecondOverHttp() throws Exception {
        sdk.call(new DescribeRegionsRequest());
        HttpResponse<String> hook = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + server.endpoint() + "/_sim/calls/per-second?action=DescribeRegions")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(hook.statusCode()).isEqualTo(200);
        Map<String, Object> body = Json.object(hook.body());
        assertThat(body).containsEntry("action", "DescribeRegions");
        assertThat(EngineHarness.list(body.get("seconds"))).isNotEmpty().allSatisfy(s -> assertThat(s).containsKeys("second", "calls"));
        assertThat(((Number) body.get("max")).intValue()).isPositive().isEqualTo(server.engine().maxCallsPerSecond("DescribeRegions"));
    }

    private static String json(List<String> ids) {
        return "[" + String.join(",", ids.stream().map(s -> "\"" + s + "\"").toList()) + "]";
    }
}
