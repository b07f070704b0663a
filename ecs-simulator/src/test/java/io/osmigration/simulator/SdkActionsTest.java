package io.osmigration.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.aliyuncs.ecs.model.v20140526.CreateSnapshotRequest;
import com.aliyuncs.ecs.model.v20140526.DeleteSnapshotRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeCloudAssistantStatusRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeCloudAssistantStatusResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeDisksRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeDisksResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationResultsResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationsResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsResponse;
import com.aliyuncs.ecs.model.v20140526.RebootInstanceRequest;
import com.aliyuncs.ecs.model.v20140526.ResetDiskRequest;
import com.aliyuncs.ecs.model.v20140526.StartInstanceRequest;
import com.aliyuncs.ecs.model.v20140526.StopInstanceRequest;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every action through the real aliyun-java-sdk-ecs against the simulator's HTTP server. */
class SdkActionsTest {

    @TempDir
    static Path work;
    static EcsSimulatorServer server;
    static SdkSupport sdk;

    @BeforeAll
    static void start() {
        server = EcsSimulatorServer.start(0, null, work, "osm.simulator.snapshot-duration=PT0.3S",
                "osm.simulator.reboot-duration=PT0.2S");
        sdk = new SdkSupport(server.endpoint(), Fleet.DEMO_ACCESS_KEY_ID, Fleet.DEMO_ACCESS_KEY_SECRET);
    }

    @AfterAll
    static void stop() {
        sdk.close();
        server.close();
    }

    @Test
    void describeInstancesPagesAndFilters() throws Exception {
        DescribeInstancesRequest req = new DescribeInstancesRequest();
        req.setPageSize(100);
        DescribeInstancesResponse all = sdk.call(req);
        assertThat(all.getTotalCount()).isEqualTo(22);
        assertThat(all.getInstances()).hasSize(22);

        DescribeInstancesResponse.Instance rhel = sdk.instance("i-bp1demo000000000005");
        assertThat(rhel.getInstanceName()).isEqualTo("erp-rhel79-01");
        assertThat(rhel.getOSName()).isEqualTo("Red Hat Enterprise Linux Server 7.9 (Maipo)");
        assertThat(rhel.getOSType()).isEqualTo("linux");
        assertThat(rhel.getStatus()).isEqualTo("Running");
        assertThat(rhel.getMemory()).isEqualTo(8192);
        assertThat(rhel.getCpu()).isEqualTo(4);
        assertThat(rhel.getRegionId()).isEqualTo("cn-hangzhou");
        assertThat(rhel.getZoneId()).isEqualTo("cn-hangzhou-h");
        assertThat(rhel.getCreationTime()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ");
        assertThat(rhel.getVpcAttributes().getPrivateIpAddress()).hasSize(1);

        DescribeInstancesRequest page = new DescribeInstancesRequest();
        page.setPageSize(5);
        page.setPageNumber(5);
        DescribeInstancesResponse last = sdk.call(page);
        assertThat(last.getInstances()).hasSize(2);
        assertThat(last.getPageNumber()).isEqualTo(5);

        DescribeInstancesRequest stopped = new DescribeInstancesRequest();
        stopped.setStatus("Stopped");
        assertThat(sdk.call(stopped).getInstances()).isEmpty();
    }

    @Test
    void describeDisks() throws Exception {
        DescribeDisksRequest req = new DescribeDisksRequest();
        req.setInstanceId("i-bp1demo000000000015");
        DescribeDisksResponse r = sdk.call(req);
        assertThat(r.getDisks()).hasSize(2);
        DescribeDisksResponse.Disk system = r.getDisks().get(0);
        assertThat(system.getDiskId()).isEqualTo("d-bp1demo000000000151");
        assertThat(system.getType()).isEqualTo("system");
        assertThat(system.getSize()).isEqualTo(40);
        assertThat(system.getCategory()).isEqualTo("cloud_essd");
        assertThat(system.getStatus()).isEqualTo("In_use");
        assertThat(system.getDevice()).isEqualTo("/dev/xvda");
        assertThat(r.getDisks().get(1).getType()).isEqualTo("data");

        DescribeDisksRequest byIds = new DescribeDisksRequest();
        byIds.setDiskIds("[\"d-bp1demo000000000152\"]");
        assertThat(sdk.call(byIds).getDisks()).singleElement().satisfies(d -> assertThat(d.getSize()).isEqualTo(500));
    }

    @Test
    void createDescribeAndDeleteSnapshotsWithIdempotentClientToken() throws Exception {
        CreateSnapshotRequest create = new CreateSnapshotRequest();
        create.setDiskId("d-bp1demo000000000081");
        create.setSnapshotName("SMC_Backup_Snapshot_test");
        create.setClientToken("token-snap-1");
        String id = sdk.call(create).getSnapshotId();
        assertThat(id).startsWith("s-");
        assertThat(sdk.call(create).getSnapshotId()).as("same ClientToken, same snapshot").isEqualTo(id);

        DescribeSnapshotsRequest describe = new DescribeSnapshotsRequest();
        describe.setInstanceId("i-bp1demo000000000008");
        DescribeSnapshotsResponse first = sdk.call(describe);
        assertThat(first.getTotalCount()).as("nothing new was created").isEqualTo(1);
        DescribeSnapshotsResponse.Snapshot s = first.getSnapshots().get(0);
        assertThat(s.getSnapshotName()).isEqualTo("SMC_Backup_Snapshot_test");
        assertThat(s.getSourceDiskId()).isEqualTo("d-bp1demo000000000081");
        assertThat(s.getSourceDiskType()).isEqualTo("System");
        assertThat(s.getSourceDiskSize()).isEqualTo("40");
        assertThat(s.getProgress()).matches("\\d{1,3}%");

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() ->
                "accomplished".equals(sdk.call(describe).getSnapshots().get(0).getStatus()));
        assertThat(sdk.call(describe).getSnapshots().get(0).getProgress()).isEqualTo("100%");

        DescribeSnapshotsRequest byIds = new DescribeSnapshotsRequest();
        byIds.setSnapshotIds("[\"" + id + "\"]");
        assertThat(sdk.call(byIds).getSnapshots()).hasSize(1);

        DeleteSnapshotRequest delete = new DeleteSnapshotRequest();
        delete.setSnapshotId(id);
        sdk.call(delete);
        assertThat(sdk.call(describe).getSnapshots()).isEmpty();
        assertThatThrownBy(() -> sdk.call(delete)).isInstanceOf(ClientException.class)
                .satisfies(e -> assertThat(((ClientException) e).getErrCode()).isEqualTo("InvalidSnapshotId.NotFound"));

        CreateSnapshotRequest unknownDisk = new CreateSnapshotRequest();
        unknownDisk.setDiskId("d-nope");
        assertThatThrownBy(() -> sdk.call(unknownDisk))
                .satisfies(e -> assertThat(((ClientException) e).getErrCode()).isEqualTo("InvalidDiskId.NotFound"));
    }

    @Test
    void stopStartRebootAndResetDiskNeedsAStoppedInstance() throws Exception {
        String id = "i-bp1demo000000000009";
        CreateSnapshotRequest create = new CreateSnapshotRequest();
        create.setDiskId("d-bp1demo000000000091");
        String snapshot = sdk.call(create).getSnapshotId();
        await().atMost(Duration.ofSeconds(5)).until(() -> snapshotStatus(snapshot).equals("accomplished"));

        ResetDiskRequest reset = new ResetDiskRequest();
        reset.setDiskId("d-bp1demo000000000091");
        reset.setSnapshotId(snapshot);
        assertThatThrownBy(() -> sdk.call(reset))
                .satisfies(e -> assertThat(((ClientException) e).getErrCode()).isEqualTo("IncorrectInstanceStatus"));

        StopInstanceRequest stop = new StopInstanceRequest();
        stop.setInstanceId(id);
        sdk.call(stop);
        assertThat(sdk.instance(id).getStatus()).isIn("Stopping", "Stopped");
        await().atMost(Duration.ofSeconds(5)).until(() -> sdk.instance(id).getStatus().equals("Stopped"));
        sdk.call(reset);

        StartInstanceRequest start = new StartInstanceRequest();
        start.setInstanceId(id);
        sdk.call(start);
        await().atMost(Duration.ofSeconds(5)).until(() -> sdk.instance(id).getStatus().equals("Running"));

        RebootInstanceRequest reboot = new RebootInstanceRequest();
        reboot.setInstanceId(id);
        sdk.call(reboot);
        assertThat(sdk.instance(id).getStatus()).isIn("Stopping", "Starting", "Running");
        await().atMost(Duration.ofSeconds(5)).until(() -> sdk.instance(id).getStatus().equals("Running"));
    }

    private String snapshotStatus(String snapshotId) throws ClientException {
        DescribeSnapshotsRequest r = new DescribeSnapshotsRequest();
        r.setSnapshotIds("[\"" + snapshotId + "\"]");
        return sdk.call(r).getSnapshots().get(0).getStatus();
    }

    @Test
    void runCommandRunsARealScriptAndResultsComeBackThroughBothDescribeActions() throws Exception {
        String id = "i-bp1demo000000000001";
        String invokeId = sdk.runCommand(id, """
                cat "${OSM_ROOT:-}/etc/os-release"
                rpm -qa | sort | head -n 3
                rpm -q aliyun_assist
                uname -r
                """, null);
        DescribeInvocationResultsResponse.Invocation.InvocationResult result = sdk.awaitResult(invokeId, id);
        assertThat(result.getInvocationStatus()).isEqualTo("Success");
        assertThat(result.getInvokeRecordStatus()).isEqualTo("Finished");
        assertThat(result.getExitCode()).isZero();
        String out = SdkSupport.decode(result.getOutput());
        assertThat(out).contains("PRETTY_NAME=\"CentOS Linux 7 (Core)\"", "ID=\"centos\"", "aliyun_assist-2.2.3.857-1.x86_64",
                "3.10.0-1160.92.1.el7.x86_64\n", "NetworkManager-1.18.8-2.el7_9.x86_64\n");
        assertThat(result.getStartTime()).isNotBlank();
        assertThat(result.getFinishedTime()).isNotBlank();

        DescribeInvocationsRequest inv = new DescribeInvocationsRequest();
        inv.setInvokeId(invokeId);
        inv.setIncludeOutput(true);
        DescribeInvocationsResponse invocations = sdk.call(inv);
        assertThat(invocations.getInvocations()).singleElement().satisfies(i -> {
            assertThat(i.getInvocationStatus()).isEqualTo("Success");
            assertThat(i.getCommandName()).isEqualTo("osm-test");
            assertThat(i.getCommandType()).isEqualTo("RunShellScript");
            assertThat(i.getInvokeInstances()).singleElement().satisfies(ii -> {
                assertThat(ii.getInstanceId()).isEqualTo(id);
                assertThat(ii.getExitCode()).isZero();
                assertThat(SdkSupport.decode(ii.getOutput())).isEqualTo(out);
            });
        });
    }

    @Test
    void runCommandWithTheSameClientTokenRunsNothingAgain() throws Exception {
        String id = "i-bp1demo000000000003";
        String script = "echo run >> \"$OSM_ROOT/root/runs.txt\"; wc -l < \"$OSM_ROOT/root/runs.txt\"";
        String first = sdk.runCommand(id, script, "token-cmd-1");
        String second = sdk.runCommand(id, script, "token-cmd-1");
        assertThat(second).isEqualTo(first);
        assertThat(SdkSupport.decode(sdk.awaitResult(first, id).getOutput()).trim()).isEqualTo("1");
        assertThat(server.engine().calls("RunCommand", id)).hasSize(2);
        DescribeInvocationsRequest inv = new DescribeInvocationsRequest();
        inv.setInstanceId(id);
        assertThat(sdk.call(inv).getInvocations()).hasSize(1);

        assertThatThrownBy(() -> sdk.runCommand(id, "echo other", "token-cmd-1"))
                .satisfies(e -> assertThat(((ClientException) e).getErrCode()).isEqualTo("IdempotentParameterMismatch"));
    }

    @Test
    void describeCloudAssistantStatus() throws Exception {
        DescribeCloudAssistantStatusRequest req = new DescribeCloudAssistantStatusRequest();
        req.setInstanceIds(List.of("i-bp1demo000000000002", "i-bp1demo000000000016"));
        DescribeCloudAssistantStatusResponse r = sdk.call(req);
        assertThat(r.getInstanceCloudAssistantStatusSet()).hasSize(2);
        assertThat(r.getInstanceCloudAssistantStatusSet().get(0).getCloudAssistantStatus()).isEqualTo("true");
        assertThat(r.getInstanceCloudAssistantStatusSet().get(0).getCloudAssistantVersion()).isNotBlank();
        assertThat(r.getInstanceCloudAssistantStatusSet().get(0).getLastHeartbeatTime()).isNotBlank();
        assertThat(r.getInstanceCloudAssistantStatusSet().get(1).getInstanceId()).isEqualTo("i-bp1demo000000000016");
        assertThat(r.getInstanceCloudAssistantStatusSet().get(1).getCloudAssistantStatus()).isEqualTo("false");
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatch() {
        try (SdkSupport wrong = new SdkSupport(server.endpoint(), Fleet.DEMO_ACCESS_KEY_ID, "not-the-secret")) {
            assertThatThrownBy(() -> wrong.call(new DescribeInstancesRequest()))
                    .isInstanceOf(ClientException.class).isNotInstanceOf(ServerException.class)
                    .satisfies(e -> assertThat(((ClientException) e).getErrCode()).isEqualTo("SignatureDoesNotMatch"));
        }
    }

    @Test
    void unknownAccessKeyIsNotFound() {
        try (SdkSupport unknown = new SdkSupport(server.endpoint(), "LTAIunknown", Fleet.DEMO_ACCESS_KEY_SECRET)) {
            assertThatThrownBy(() -> unknown.call(new DescribeInstancesRequest()))
                    .satisfies(e -> assertThat(((ClientException) e).getErrCode()).isEqualTo("InvalidAccessKeyId.NotFound"));
        }
    }

    @Test
    void unknownInstanceIsNotFound() {
        StopInstanceRequest stop = new StopInstanceRequest();
        stop.setInstanceId("i-doesnotexist");
        assertThatThrownBy(() -> sdk.call(stop))
                .satisfies(e -> assertThat(((ClientException) e).getErrCode()).isEqualTo("InvalidInstanceId.NotFound"));
        // API reference RunCommand, error codes: 404 InvalidInstance.NotFound (unlike StopInstance's InvalidInstanceId.NotFound)
        assertThatThrownBy(() -> sdk.runCommand("i-doesnotexist", "true", null))
                .satisfies(e -> assertThat(((ClientException) e).getErrCode()).isEqualTo("InvalidInstance.NotFound"));
    }

    @Test
    void throttlingThroughTheHttpHook() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> set = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/_sim/throttle?ratio=1.0"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(set.statusCode()).isEqualTo(200);
        try {
            assertThatThrownBy(() -> sdk.call(new DescribeInstancesRequest()))
                    .satisfies(e -> assertThat(((ClientException) e).getErrCode()).isEqualTo("Throttling"));
        } finally {
            server.engine().setThrottleRatio(0.0);
        }
        assertThat(sdk.call(new DescribeInstancesRequest()).getInstances()).isNotEmpty();
    }

    @Test
    void healthAndHooksOverHttp() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + server.port();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");

        String id = "i-bp1demo000000000007";
        HttpResponse<String> agent = http.send(HttpRequest.newBuilder(URI.create(base + "/_sim/instances/" + id + "/cloud-assistant?online=false"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(agent.statusCode()).isEqualTo(200);
        assertThat(agent.body()).contains("\"cloudAssistantOnline\":false");
        http.send(HttpRequest.newBuilder(URI.create(base + "/_sim/instances/" + id + "/cloud-assistant?online=true"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(base + "/_sim/instances/i-nope/status?value=Stopped"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);

        HttpResponse<String> instances = http.send(HttpRequest.newBuilder(URI.create(base + "/_sim/instances")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(instances.body()).contains("\"instanceId\":\"i-bp1demo000000000019\"", "Ubuntu 22.04.4 LTS");

        sdk.instance("i-bp1demo000000000006");
        HttpResponse<String> calls = http.send(HttpRequest.newBuilder(
                URI.create(base + "/_sim/calls?action=DescribeInstances&instanceId=i-bp1demo000000000006")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(calls.body()).contains("\"action\":\"DescribeInstances\"", "\"httpStatus\":200")
                .doesNotContain("Signature\"", "AccessKeyId", Fleet.DEMO_ACCESS_KEY_SECRET);
    }
}
