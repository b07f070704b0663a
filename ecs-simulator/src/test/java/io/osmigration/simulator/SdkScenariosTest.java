package io.osmigration.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.aliyuncs.ecs.model.v20140526.CreateSnapshotRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationResultsResponse.Invocation.InvocationResult;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsRequest;
import com.aliyuncs.ecs.model.v20140526.ResetDiskRequest;
import com.aliyuncs.ecs.model.v20140526.StartInstanceRequest;
import com.aliyuncs.ecs.model.v20140526.StopInstanceRequest;
import com.aliyuncs.exceptions.ClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migration round trip and injected faults, through the SDK, with a fleet file of our own. */
class SdkScenariosTest {

    static final String KEY = "LTAItestKey0042";
    static final String SECRET = "test-secret";

    @TempDir
    static Path dir;
    static EcsSimulatorServer server;
    static SdkSupport sdk;

    @BeforeAll
    static void start() throws Exception {
        Path fleet = dir.resolve("fleet.json");
        Files.writeString(fleet, """
                {"accessKeyId": "%s", "accessKeySecret": "%s", "instances": [
                  {"instanceId": "i-bp1mig01", "instanceName": "web-01",
                   "disks": [{"diskId": "d-bp1mig01", "sizeGiB": 40}, {"diskId": "d-bp1mig01data", "type": "data"}]},
                  {"instanceId": "i-bp1failup", "faults": {"failStep": "UPGRADE"}},
                  {"instanceId": "i-bp1drill", "osRelease": {"ID": "centos", "VERSION_ID": "8", "PRETTY_NAME": "CentOS Linux 8"},
                   "faults": {"drillCritical": true}},
                  {"instanceId": "i-bp1snapfail", "faults": {"snapshotFails": true}}
                ]}""".formatted(KEY, SECRET));
        server = EcsSimulatorServer.start(0, fleet, dir.resolve("work"), "osm.simulator.snapshot-duration=PT0.4S",
                "osm.simulator.reboot-duration=PT0.3S");
        sdk = new SdkSupport(server.endpoint(), KEY, SECRET);
    }

    @AfterAll
    static void stop() {
        sdk.close();
        server.close();
    }

    @Test
    void fleetFileCredentialsAreTheOnlyOnesAccepted() throws Exception {
        assertThat(sdk.call(new DescribeInstancesRequest()).getTotalCount()).isEqualTo(4);
        try (SdkSupport demo = new SdkSupport(server.endpoint(), Fleet.DEMO_ACCESS_KEY_ID, Fleet.DEMO_ACCESS_KEY_SECRET)) {
            assertThatThrownBy(() -> demo.call(new DescribeInstancesRequest()))
                    .satisfies(e -> assertThat(((ClientException) e).getErrCode()).isEqualTo("InvalidAccessKeyId.NotFound"));
        }
    }

    @Test
    void upgradeChangesTheOsAndResetDiskFromTheSnapshotBringsItBack() throws Exception {
        String id = "i-bp1mig01";
        assertThat(sdk.instance(id).getOSName()).isEqualTo("CentOS Linux 7 (Core)");

        CreateSnapshotRequest snap = new CreateSnapshotRequest();
        snap.setDiskId("d-bp1mig01");
        snap.setSnapshotName("SMC_Backup_Snapshot_mig01");
        String snapshotId = sdk.call(snap).getSnapshotId();
        await().atMost(Duration.ofSeconds(5)).until(() -> "accomplished".equals(snapshotStatus(snapshotId)));

        InvocationResult upgrade = sdk.awaitResult(sdk.runCommand(id, """
                set -e
                export OSM_STEP=UPGRADE
                leapp upgrade --target alinux3
                reboot
                """, "mig01-upgrade"), id);
        assertThat(upgrade.getInvocationStatus()).as(SdkSupport.decode(upgrade.getOutput())).isEqualTo("Success");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.engine().instance(id).orElseThrow().cloudAssistantOnline());
        assertThat(sdk.instance(id).getOSName()).isEqualTo("Alibaba Cloud Linux 3 (Soaring Falcon)");
        InvocationResult facts = sdk.awaitResult(sdk.runCommand(id,
                ". \"${OSM_ROOT:-}/etc/os-release\"; echo \"$ID $VERSION_ID $(uname -r)\"; rpm -q alinux-release", null), id);
        assertThat(SdkSupport.decode(facts.getOutput())).startsWith("alinux 3 5.10.134-16.al8.x86_64\nalinux-release-3");

        StopInstanceRequest stop = new StopInstanceRequest();
        stop.setInstanceId(id);
        sdk.call(stop);
        await().atMost(Duration.ofSeconds(5)).until(() -> "Stopped".equals(sdk.instance(id).getStatus()));
        ResetDiskRequest reset = new ResetDiskRequest();
        reset.setDiskId("d-bp1mig01");
        reset.setSnapshotId(snapshotId);
        sdk.call(reset);
        StartInstanceRequest start = new StartInstanceRequest();
        start.setInstanceId(id);
        sdk.call(start);
        await().atMost(Duration.ofSeconds(5)).until(() -> "Running".equals(sdk.instance(id).getStatus()));

        assertThat(sdk.instance(id).getOSName()).isEqualTo("CentOS Linux 7 (Core)");
        InvocationResult after = sdk.awaitResult(sdk.runCommand(id, "uname -r; rpm -q kernel", null), id);
        assertThat(SdkSupport.decode(after.getOutput())).isEqualTo("3.10.0-1160.el7.x86_64\nkernel-3.10.0-1160.el7.x86_64\n");
    }

    @Test
    void failStepFaultFailsThatStepsScript() throws Exception {
        InvocationResult r = sdk.awaitResult(sdk.runCommand("i-bp1failup",
                "export OSM_STEP=UPGRADE\nleapp upgrade --target alinux3", null), "i-bp1failup");
        assertThat(r.getInvocationStatus()).isEqualTo("Failed");
        assertThat(r.getExitCode()).isEqualTo(1L);
        assertThat(r.getErrorCode()).isEqualTo("ExitCodeNonzero");
        assertThat(SdkSupport.decode(r.getOutput())).contains("osm-sim: injected failure in step UPGRADE");
        assertThat(sdk.instance("i-bp1failup").getOSName()).isEqualTo("CentOS Linux 7 (Core)");
    }

    @Test
    void drillCriticalFaultReportsAnInhibitor() throws Exception {
        InvocationResult r = sdk.awaitResult(sdk.runCommand("i-bp1drill",
                "leapp preupgrade --target alinux3 >/dev/null && cat /dev/null \"$OSM_ROOT/var/log/leapp/leapp-report.json\"", null),
                "i-bp1drill");
        assertThat(r.getExitCode()).isZero();
        assertThat(SdkSupport.decode(r.getOutput())).contains("\"severity\": \"high\"", "\"flags\": [\"inhibitor\"]");
    }

    @Test
    void snapshotFailsFaultEndsFailed() throws Exception {
        CreateSnapshotRequest snap = new CreateSnapshotRequest();
        snap.setDiskId("d-bp1snapfail");
        String snapshotId = sdk.call(snap).getSnapshotId();
        await().atMost(Duration.ofSeconds(5)).until(() -> "failed".equals(snapshotStatus(snapshotId)));
    }

    private String snapshotStatus(String snapshotId) throws ClientException {
        DescribeSnapshotsRequest r = new DescribeSnapshotsRequest();
        r.setSnapshotIds("[\"" + snapshotId + "\"]");
        return sdk.call(r).getSnapshots().get(0).getStatus();
    }
}
