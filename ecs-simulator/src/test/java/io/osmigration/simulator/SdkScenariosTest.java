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
        // Leapp from ELevate already installed (packages as `yum install leapp-upgrade leapp-data-almalinux` leaves them),
        // the pam_pkcs11 question not asked (no pam_pkcs11 in the PAM stack), root login stated in sshd_config.
        String leapp = "\"@listing\", \"elevate-release-1.0-2.el7.noarch\", \"leapp-0.18.0-1.el7.noarch\", \"python2-leapp-0.18.0-1.el7.noarch\", "
                + "\"leapp-deps-0.18.0-1.el7.noarch\", \"leapp-upgrade-el7toel8-0.21.0-2.el7.noarch\", "
                + "\"leapp-upgrade-el7toel8-deps-0.21.0-2.el7.noarch\", \"leapp-data-almalinux-0.4-5.el7.20240827.noarch\"";
        Files.writeString(fleet, """
                {"accessKeyId": "%s", "accessKeySecret": "%s", "instances": [
                  {"instanceId": "i-bp1mig01", "instanceName": "web-01", "packagesFile": "centos7-server", "packages": [%s],
                   "pamPkcs11": false, "leapp": {"preupgradeDuration": "PT5M", "upgradeDuration": "PT10M", "offlineDuration": "PT40M"},
                   "disks": [{"diskId": "d-bp1mig01", "sizeGiB": 40}, {"diskId": "d-bp1mig01data", "type": "data"}]},
                  {"instanceId": "i-bp1failup", "faults": {"failStep": "UPGRADE"}},
                  {"instanceId": "i-bp1drill", "packagesFile": "centos7-server", "packages": [%s], "pamPkcs11": false,
                   "faults": {"drillCritical": true}},
                  {"instanceId": "i-bp1snapfail", "faults": {"snapshotFails": true}}
                ]}""".formatted(KEY, SECRET, leapp, leapp));
        // time-scale 0.0005: Leapp's 10-minute upgrade run takes 0.3 s, its 40-minute offline phase 1.2 s.
        server = EcsSimulatorServer.start(0, fleet, dir.resolve("work"), "osm.simulator.snapshot-duration=PT0.4S",
                "osm.simulator.reboot-duration=PT0.3S", "osm.simulator.time-scale=0.0005", "osm.simulator.agent-heartbeat=PT0.5S");
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
    void leappUpgradeOfflinePhaseAndResetDiskFromTheSnapshot() throws Exception {
        String id = "i-bp1mig01";
        assertThat(sdk.instance(id).getOSName()).isEqualTo("CentOS Linux 7 (Core)");

        CreateSnapshotRequest snap = new CreateSnapshotRequest();
        snap.setDiskId("d-bp1mig01");
        snap.setSnapshotName("SMC_Backup_Snapshot_mig01");
        String snapshotId = sdk.call(snap).getSnapshotId();
        await().atMost(Duration.ofSeconds(5)).until(() -> "accomplished".equals(snapshotStatus(snapshotId)));

        InvocationResult upgrade = sdk.awaitResult(sdk.runCommand(id, """
                leapp upgrade --target 8.10 || exit $?
                exit 194
                """, "mig01-upgrade"), id);
        // Cloud Assistant reports the result first (exit code 194 is not 0: Failed by the API's definition), then reboots.
        assertThat(upgrade.getExitCode()).as(SdkSupport.decode(upgrade.getOutput())).isEqualTo(194L);
        assertThat(upgrade.getInvocationStatus()).isEqualTo("Failed");
        assertThat(SdkSupport.decode(upgrade.getOutput())).contains("Reboot the system to continue with the upgrade.");
        await().atMost(Duration.ofSeconds(5)).until(() -> "OFFLINE_UPGRADE".equals(server.engine().instance(id).orElseThrow().osState()));
        assertThat(sdk.instance(id).getStatus()).as("a reboot inside the guest is not an ECS status change").isEqualTo("Running");
        assertThat(sdk.instance(id).getOSName()).as("nothing changes before the offline phase ends").isEqualTo("CentOS Linux 7 (Core)");
        await().atMost(Duration.ofSeconds(15)).until(() -> server.engine().instance(id).orElseThrow().cloudAssistantOnline());
        assertThat(sdk.instance(id).getOSName()).isEqualTo("AlmaLinux 8.10 (Cerulean Leopard)");
        InvocationResult facts = sdk.awaitResult(sdk.runCommand(id,
                ". \"${OSM_ROOT:-}/etc/os-release\"; echo \"$ID $VERSION_ID $(uname -r)\"; rpm -q almalinux-release", null), id);
        assertThat(SdkSupport.decode(facts.getOutput())).isEqualTo("almalinux 8.10 4.18.0-553.el8_10.x86_64\nalmalinux-release-8.10-1.el8.x86_64\n");

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
        await().atMost(Duration.ofSeconds(5)).until(() -> server.engine().instance(id).orElseThrow().cloudAssistantOnline());

        assertThat(sdk.instance(id).getOSName()).isEqualTo("CentOS Linux 7 (Core)");
        InvocationResult after = sdk.awaitResult(sdk.runCommand(id, "uname -r; rpm -q almalinux-release", null), id);
        assertThat(SdkSupport.decode(after.getOutput())).isEqualTo("3.10.0-1160.92.1.el7.x86_64\npackage almalinux-release is not installed\n");
    }

    @Test
    void failStepFaultFailsThatStepsScript() throws Exception {
        InvocationResult r = sdk.awaitResult(sdk.runCommand("i-bp1failup",
                "export OSM_STEP=UPGRADE\nyum makecache", null), "i-bp1failup");
        assertThat(r.getInvocationStatus()).isEqualTo("Failed");
        assertThat(r.getExitCode()).isEqualTo(1L);
        assertThat(r.getErrorCode()).isEqualTo("ExitCodeNonzero");
        assertThat(SdkSupport.decode(r.getOutput())).contains("osm-sim: injected failure in step UPGRADE");
        assertThat(sdk.instance("i-bp1failup").getOSName()).isEqualTo("CentOS Linux 7 (Core)");
    }

    @Test
    void drillCriticalFaultReportsAnInhibitor() throws Exception {
        InvocationResult r = sdk.awaitResult(sdk.runCommand("i-bp1drill",
                "leapp preupgrade --target 8.10 >/dev/null; echo \"exit=$?\"; cat \"$OSM_ROOT/var/log/leapp/leapp-report.txt\"", null),
                "i-bp1drill");
        String out = SdkSupport.decode(r.getOutput());
        assertThat(out).contains("exit=1", "Risk Factor: high (inhibitor)",
                "Title: Leapp detected devices which are no longer supported in RHEL 8. Upgrade cannot proceed.");
        assertThat(server.engine().instance("i-bp1drill").orElseThrow().osId()).as("a drill changes nothing").isEqualTo("centos");
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
