package io.osmigration.simulator;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** Drives an {@link EcsSimulator} with correctly signed requests, without HTTP. */
final class EngineHarness implements AutoCloseable {

    final EcsSimulator sim;

    EngineHarness(SimulatorSettings settings) {
        this.sim = EcsSimulator.start(settings);
    }

    static EngineHarness demo(Path workDir) {
        return new EngineHarness(SimulatorSettings.defaults().withWorkDir(workDir)
                .withDurations(Duration.ofMillis(300), Duration.ofMillis(200)));
    }

    /**
     * A simulator over the given fleet file text with the tools' clock at 1/2000 (Leapp's 5-minute preupgrade takes
     * 0.15 s, its 40-minute offline phase 1.2 s) and a fast agent (1 s output interval, 0.5 s heartbeat).
     */
    static EngineHarness fastTools(Path work, String fleetJson) throws java.io.IOException {
        Path fleet = work.resolve("fleet.json");
        java.nio.file.Files.writeString(fleet, fleetJson);
        return new EngineHarness(SimulatorSettings.defaults().withWorkDir(work.resolve("w")).withFleetFile(fleet)
                .withDurations(Duration.ofMillis(300), Duration.ofMillis(300)).withTimeScale(0.0005)
                .withAgent(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(5)));
    }

    static Map<String, String> signedParams(String action, Map<String, String> extra, String keyId, String secret) {
        Map<String, String> p = new HashMap<>();
        p.put("RegionId", "cn-hangzhou");
        p.putAll(extra);
        p.put("Action", action);
        p.put("Version", "2014-05-26");
        p.put("Format", "JSON");
        p.put("AccessKeyId", keyId);
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureVersion", "1.0");
        p.put("SignatureNonce", UUID.randomUUID().toString());
        p.put("Timestamp", Times.seconds(Instant.now()));
        p.put("Signature", SignatureV1.sign("POST", p, secret));
        return p;
    }

    ApiResponse call(String action, Map<String, String> params) {
        return sim.handle(new ApiRequest("POST", signedParams(action, params, sim.accessKeyId(), sim.accessKeySecret())));
    }

    Map<String, Object> ok(String action, Map<String, String> params) {
        ApiResponse r = call(action, params);
        if (r.isError()) {
            throw new AssertionError(action + " failed: " + r.json());
        }
        return r.body();
    }

    /** Runs a script on one instance and waits for the result record (InvocationResult map). */
    Map<String, Object> run(String instanceId, String script) {
        return awaitResult(invoke(instanceId, script, 60), instanceId);
    }

    /** RunCommand without waiting; returns the InvokeId. */
    String invoke(String instanceId, String script, int timeoutSeconds) {
        return (String) ok("RunCommand", Map.of("InstanceId.1", instanceId, "Type", "RunShellScript",
                "CommandContent", Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8)),
                "ContentEncoding", "Base64", "Timeout", String.valueOf(timeoutSeconds))).get("InvokeId");
    }

    Map<String, Object> awaitResult(String invokeId, String instanceId) {
        return awaitResult(invokeId, instanceId, Duration.ofSeconds(30));
    }

    Map<String, Object> awaitResult(String invokeId, String instanceId, Duration atMost) {
        AtomicReference<Map<String, Object>> last = new AtomicReference<>();
        await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
            last.set(result(invokeId, instanceId));
            return !"Running".equals(last.get().get("InvokeRecordStatus"));
        });
        return last.get();
    }

    Map<String, Object> result(String invokeId, String instanceId) {
        Map<String, Object> body = ok("DescribeInvocationResults", Map.of("InvokeId", invokeId, "InstanceId", instanceId));
        return first(path(body, "Invocation.InvocationResults.InvocationResult"));
    }

    /** The instance's state as the hooks show it. */
    InstanceView view(String instanceId) {
        return sim.instance(instanceId).orElseThrow();
    }

    /** What DescribeCloudAssistantStatus says about the instance right now. */
    String cloudAssistantStatus(String instanceId) {
        Map<String, Object> body = ok("DescribeCloudAssistantStatus", Map.of("InstanceId.1", instanceId));
        return (String) first(path(body, "InstanceCloudAssistantStatusSet.InstanceCloudAssistantStatus")).get("CloudAssistantStatus");
    }

    static String output(Map<String, Object> result) {
        return new String(Base64.getDecoder().decode((String) result.get("Output")), StandardCharsets.UTF_8);
    }

    /** Navigates nested response maps: "Instances.Instance". */
    static Object path(Map<String, Object> body, String dotted) {
        Object cur = body;
        for (String key : dotted.split("\\.")) {
            cur = ((Map<?, ?>) cur).get(key);
        }
        return cur;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> first(Object list) {
        return ((List<Map<String, Object>>) list).get(0);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object list) {
        return (List<Map<String, Object>>) list;
    }

    @Override
    public void close() {
        sim.close();
    }
}
