package io.osmigration.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication, errors, throttling and the call log, without HTTP. */
class EngineProtocolTest {

    @TempDir
    Path work;
    EngineHarness h;

    @BeforeEach
    void start() {
        h = EngineHarness.demo(work);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void rejectsUnknownKeyAndBadSignatureAndExpiredTimestamp() {
        ApiResponse unknownKey = h.sim.handle(new ApiRequest("POST",
                EngineHarness.signedParams("DescribeInstances", Map.of(), "LTAInobody", "x")));
        assertThat(unknownKey.status()).isEqualTo(404);
        assertThat(unknownKey.body()).containsEntry("Code", "InvalidAccessKeyId.NotFound").containsEntry("HostId", "ecs.aliyuncs.com")
                .containsKey("RequestId");

        ApiResponse badSecret = h.sim.handle(new ApiRequest("POST",
                EngineHarness.signedParams("DescribeInstances", Map.of(), Fleet.DEMO_ACCESS_KEY_ID, "wrong")));
        assertThat(badSecret.status()).isEqualTo(400);
        assertThat(badSecret.body()).containsEntry("Code", "SignatureDoesNotMatch");

        Map<String, String> tampered = new HashMap<>(EngineHarness.signedParams("DescribeInstances", Map.of(),
                Fleet.DEMO_ACCESS_KEY_ID, Fleet.DEMO_ACCESS_KEY_SECRET));
        tampered.put("PageSize", "50");
        assertThat(h.sim.handle(new ApiRequest("POST", tampered)).body()).containsEntry("Code", "SignatureDoesNotMatch");

        Map<String, String> old = new HashMap<>(Map.of("Timestamp", "2020-01-01T00:00:00Z"));
        Map<String, String> p = EngineHarness.signedParams("DescribeInstances", Map.of(), Fleet.DEMO_ACCESS_KEY_ID, Fleet.DEMO_ACCESS_KEY_SECRET);
        p = new HashMap<>(p);
        p.putAll(old);
        p.put("Signature", SignatureV1.sign("POST", p, Fleet.DEMO_ACCESS_KEY_SECRET));
        assertThat(h.sim.handle(new ApiRequest("POST", p)).body()).containsEntry("Code", "InvalidTimeStamp.Expired");
    }

    @Test
    void unknownActionAndMissingParameters() {
        ApiResponse r = h.call("DescribeEverything", Map.of());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).containsEntry("Code", "InvalidAction.NotFound");

        ApiResponse missing = h.call("StopInstance", Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).containsEntry("Code", "MissingParameter");
        assertThat((String) missing.body().get("Message")).contains("InstanceId");

        ApiResponse pageSize = h.call("DescribeInstances", Map.of("PageSize", "101"));
        assertThat(pageSize.body()).containsEntry("Code", "InvalidParameter");

        ApiResponse malformed = h.call("DescribeInstances", Map.of("InstanceIds", "i-1,i-2"));
        assertThat(malformed.body()).containsEntry("Code", "InvalidInstanceIds.Malformed");
    }

    @Test
    void rateLimitPerActionAnswersThrottling() {
        h.close();
        h = new EngineHarness(SimulatorSettings.defaults().withWorkDir(work).withRateLimit(2, 0.0));
        assertThat(h.call("DescribeInstances", Map.of()).status()).isEqualTo(200);
        assertThat(h.call("DescribeInstances", Map.of()).status()).isEqualTo(200);
        ApiResponse third = h.call("DescribeInstances", Map.of());
        assertThat(third.status()).isEqualTo(400);
        assertThat(third.body()).containsEntry("Code", "Throttling");
        assertThat(h.call("DescribeDisks", Map.of()).status()).as("other actions have their own bucket").isEqualTo(200);
    }

    @Test
    void throttleRatioAndResetRestoreIt() {
        h.sim.setThrottleRatio(1.0);
        assertThat(h.call("DescribeInstances", Map.of()).body()).containsEntry("Code", "Throttling");
        h.sim.reset();
        assertThat(h.sim.throttleRatio()).isZero();
        assertThat(h.call("DescribeInstances", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void callLogKeepsParametersWithoutCredentialsAndFiltersByInstance() {
        h.call("StopInstance", Map.of("InstanceId", "i-bp1demo000000000001"));
        h.call("CreateSnapshot", Map.of("DiskId", "d-bp1demo000000000011", "SnapshotName", "SMC_Backup_Snapshot_1"));
        h.call("StopInstance", Map.of("InstanceId", "i-nope"));

        List<ApiCall> forInstance = h.sim.calls(null, "i-bp1demo000000000001");
        assertThat(forInstance).extracting(ApiCall::action).containsExactly("StopInstance", "CreateSnapshot");
        ApiCall stop = forInstance.get(0);
        assertThat(stop.params()).containsEntry("InstanceId", "i-bp1demo000000000001")
                .doesNotContainKeys("Signature", "AccessKeyId");
        assertThat(stop.httpStatus()).isEqualTo(200);
        assertThat(stop.errorCode()).isNull();

        List<ApiCall> failed = h.sim.calls("StopInstance", "i-nope");
        assertThat(failed).singleElement().satisfies(c -> {
            assertThat(c.httpStatus()).isEqualTo(404);
            assertThat(c.errorCode()).isEqualTo("InvalidInstanceId.NotFound");
        });
    }

    @Test
    void instanceLifecycleHonoursStatusRules() {
        String id = "i-bp1demo000000000003";
        assertThat(h.call("StartInstance", Map.of("InstanceId", id)).body()).containsEntry("Code", "IncorrectInstanceStatus");
        assertThat(h.call("StopInstance", Map.of("InstanceId", id)).status()).isEqualTo(200);
        assertThat(h.sim.instance(id).orElseThrow().status()).isIn("Stopping", "Stopped");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> h.sim.instance(id).orElseThrow().status().equals("Stopped"));
        assertThat(h.sim.instance(id).orElseThrow().cloudAssistantOnline()).isFalse();
        assertThat(h.call("RebootInstance", Map.of("InstanceId", id)).body()).containsEntry("Code", "IncorrectInstanceStatus");
        assertThat(h.call("StartInstance", Map.of("InstanceId", id)).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> h.sim.instance(id).orElseThrow().cloudAssistantOnline());
    }

    @Test
    void hooksChangeAgentAndStatus() {
        String id = "i-bp1demo000000000001";
        assertThat(h.sim.setCloudAssistant(id, false).cloudAssistantOnline()).isFalse();
        assertThat(h.sim.setInstanceStatus(id, "Stopped").status()).isEqualTo("Stopped");
        assertThat(h.sim.instances()).hasSizeGreaterThanOrEqualTo(12);
        h.sim.reset();
        assertThat(h.sim.instance(id).orElseThrow().status()).isEqualTo("Running");
        assertThat(h.sim.instance(id).orElseThrow().cloudAssistantOnline()).isTrue();
    }

    @Test
    void aReleasedInstanceIsNotFoundAnyMore() {
        String id = "i-bp1demo000000000002";
        h.sim.releaseInstance(id);

        assertThat(h.call("RunCommand", Map.of("InstanceId.1", id, "Type", "RunShellScript",
                "CommandContent", "ZWNobyBoaQ==", "ContentEncoding", "Base64")).body())
                // RunCommand names an unknown instance InvalidInstance.NotFound (API reference RunCommand), unlike
                // the instance actions
                .containsEntry("Code", "InvalidInstance.NotFound");
        assertThat(h.call("StopInstance", Map.of("InstanceId", id)).body())
                .containsEntry("Code", "InvalidInstanceId.NotFound");
        Map<String, Object> described = h.ok("DescribeInstances", Map.of("InstanceIds", "[\"" + id + "\"]"));
        assertThat(EngineHarness.list(EngineHarness.path(described, "Instances.Instance"))).isEmpty();
        assertThat(h.sim.instance(id)).isEmpty();
    }

    @Test
    void aHungCommandStaysRunningUntilItsTimeout() {
        String id = "i-bp1demo000000000001";
        h.sim.setCommandsHang(id, true);
        String invokeId = (String) h.ok("RunCommand", Map.of("InstanceId.1", id, "Type", "RunShellScript",
                "CommandContent", "ZWNobyBoaQ==", "ContentEncoding", "Base64", "Timeout", "2")).get("InvokeId");

        assertThat(h.result(invokeId, id)).containsEntry("InvocationStatus", "Running");
        Map<String, Object> ended = h.awaitResult(invokeId, id);
        assertThat(ended).containsEntry("InvocationStatus", "Timeout").containsEntry("ErrorCode", "ExecutionTimeout");

        h.sim.setCommandsHang(id, false);
        assertThat(h.run(id, "echo hi")).containsEntry("InvocationStatus", "Success");
    }
}
