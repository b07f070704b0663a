package io.osmigration.simulator;

import static io.osmigration.simulator.EngineHarness.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RunCommand runs real /bin/sh scripts against each instance's fake root and command stubs. */
class ScriptExecutionTest {

    static final String CENTOS7 = "i-bp1demo000000000001";
    static final String CENTOS8_ARM = "i-bp1demo000000000004";
    static final String EPEL_MODULAR = "i-bp1demo000000000012";
    static final String MYSQL = "i-bp1demo000000000015";
    static final String DISK_FULL = "i-bp1demo000000000017";
    static final String TINY = "i-bp1demo000000000018";
    static final String UBUNTU = "i-bp1demo000000000019";
    static final String FAIL_UPGRADE = "i-bp1demo000000000020";
    static final String DRILL_CRITICAL = "i-bp1demo000000000021";

    @TempDir
    static Path work;
    static EngineHarness h;

    @BeforeAll
    static void start() {
        h = new EngineHarness(SimulatorSettings.defaults().withWorkDir(work)
                .withDurations(Duration.ofMillis(300), Duration.ofMillis(200)));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void scriptSeesTheInstanceThroughOsmRootAndStubs() {
        Map<String, Object> r = h.run(CENTOS7, """
                . "${OSM_ROOT:-}/etc/os-release"
                echo "id=$ID version=$VERSION_ID"
                rpm -qa | grep '^glibc-2'
                echo "kernel=$(uname -r) arch=$(uname -m) node=$(uname -n)"
                cat "${OSM_ROOT:-}/etc/machine-id"
                cat "${OSM_ROOT:-}/proc/modules" | head -n 1
                echo "pwd=$(pwd) home=$HOME user=$(id -u)"
                """);
        assertThat(r).containsEntry("InvocationStatus", "Success").containsEntry("InvokeRecordStatus", "Finished")
                .containsEntry("ExitCode", 0);
        String out = output(r);
        assertThat(out).contains("id=centos version=7", "glibc-2.17-326.el7_9.x86_64",
                "kernel=3.10.0-1160.119.1.el7.x86_64 arch=x86_64 node=web-centos79-01", FakeRoot.machineId(CENTOS7),
                "virtio_net 28024", "user=0");
        assertThat(out).contains("pwd=" + work.resolve(CENTOS7).resolve("root"));
    }

    @Test
    void rpmQueriesLikeTheRealOne() {
        String out = output(h.run(MYSQL, """
                rpm -q mysql-community-server
                rpm -q --qf '%{NAME} %{VERSION} %{ARCH}\\n' mysql-community-server
                rpm -q nginx; echo "exit=$?"
                rpm -qa 'mysql-community-*' | sort | head -n 1
                rpm -qa --queryformat '%{NAME}|%{RELEASE}\\n' | grep '^glibc|'
                """));
        assertThat(out).contains("mysql-community-server-8.4.3-1.el7.x86_64\n", "mysql-community-server 8.4.3 x86_64\n",
                "package nginx is not installed\nexit=1", "mysql-community-client-8.4.3-1.el7.x86_64", "glibc|326.el7_9");
    }

    @Test
    void dfFreeYumSystemctlAndFriendsReadTheFleetProfile() {
        String out = output(h.run(DISK_FULL, """
                df -P -k / | tail -n 1 | awk '{print "root_avail_kib=" $4}'
                df -P -k /boot | tail -n 1 | awk '{print "boot_avail_kib=" $4 " mnt=" $6}'
                df -P -m /var/log | tail -n 1 | awk '{print "var_mnt=" $6}'
                free -m | awk '/^Mem:/ {print "mem_total=" $2}'
                yum repolist enabled | tail -n +2 | awk '{print $1}' | tr '\\n' ' '; echo
                systemctl is-active aliyun
                hostname
                curl -fsS http://100.100.100.200/latest/meta-data/instance-id; echo "curl=$?"
                """));
        assertThat(out).contains("root_avail_kib=307200", "boot_avail_kib=40960 mnt=/boot", "var_mnt=/", "mem_total=8192",
                "base updates extras", "active\n", "log-centos7-diskfull", "curl=7");
        assertThat(output(h.run(TINY, "free -m | awk '/^Mem:/ {print $2}'"))).isEqualTo("512\n");
        assertThat(output(h.run(EPEL_MODULAR, "dnf repolist enabled | grep -c epel-modular"))).isEqualTo("1\n");
        assertThat(output(h.run(CENTOS8_ARM, "uname -m; uname -a; arch"))).startsWith("aarch64\nLinux app-centos8-arm-01 4.18.0-348.7.1.el8_5.aarch64 ")
                .endsWith("aarch64\n");
    }

    @Test
    void repoChangesAndPackageRemovalPersistInTheRoot() {
        String id = "i-bp1demo000000000011";
        String out = output(h.run(id, """
                rpm -qa | grep -c '\\.i686$'
                yum remove -y glibc.i686 nss-softokn-freebl.i686 >/dev/null
                rpm -qa | grep -c '\\.i686$'
                yum-config-manager --disable updates
                yum repolist enabled | grep -c updates
                """));
        assertThat(out).isEqualTo("2\n0\n0\n");
        assertThat(output(h.run(id, "rpm -q glibc.i686 >/dev/null || echo gone"))).isEqualTo("gone\n");
    }

    @Test
    void ubuntuHasNoRpmTooling() {
        Map<String, Object> r = h.run(UBUNTU, """
                . "${OSM_ROOT:-}/etc/os-release"; echo "$ID $VERSION_ID"
                dpkg -l | grep -c '^ii'
                rpm -qa
                """);
        assertThat(output(r)).contains("ubuntu 22.04", "4\n", "rpm: command not found");
        assertThat(r).containsEntry("InvocationStatus", "Failed").containsEntry("ExitCode", 127)
                .containsEntry("ErrorCode", "ExitCodeNonzero");
    }

    @Test
    void leappDrillWritesAReportAndFlagsInhibitorsForDrillCritical() throws Exception {
        Map<String, Object> clean = h.run(CENTOS7, "leapp preupgrade --target alinux3 && cat \"$OSM_ROOT/var/log/leapp/leapp-report.json\"");
        assertThat(clean).containsEntry("ExitCode", 0);
        String cleanOut = output(clean);
        assertThat(cleanOut).contains("No upgrade inhibitors", "\"entries\"").doesNotContain("inhibitor\"]");
        String cleanJson = cleanOut.substring(cleanOut.indexOf("{\"leapp_run_id\""));
        assertThat(Json.object(cleanJson)).as("valid JSON").isNotNull();

        Map<String, Object> critical = h.run(DRILL_CRITICAL, "leapp preupgrade --target=alinux3");
        assertThat(critical).containsEntry("ExitCode", 0);
        assertThat(output(critical)).contains("UPGRADE INHIBITED");
        String report = Files.readString(h.sim.root(DRILL_CRITICAL).resolve("var/log/leapp/leapp-report.json"), StandardCharsets.UTF_8);
        Map<String, Object> parsed = Json.object(report);
        assertThat(EngineHarness.list(parsed.get("entries")))
                .anySatisfy(e -> {
                    assertThat(e).containsEntry("severity", "high");
                    assertThat(e.get("flags")).asList().contains("inhibitor");
                });
        assertThat(h.sim.instance(DRILL_CRITICAL).orElseThrow().osId()).as("a drill changes nothing").isEqualTo("centos");
        assertThat(h.run(DRILL_CRITICAL, "leapp upgrade --target alinux3")).containsEntry("ExitCode", 1);
        assertThat(h.run(CENTOS7, "leapp preupgrade --target fedora40")).containsEntry("ExitCode", 2);
    }

    @Test
    void injectedStepFailureOnlyHitsThatStep() {
        Map<String, Object> upgrade = h.run(FAIL_UPGRADE, "export OSM_STEP=UPGRADE\nleapp upgrade --target alinux3");
        assertThat(upgrade).containsEntry("InvocationStatus", "Failed").containsEntry("ExitCode", 1);
        assertThat(output(upgrade)).contains("osm-sim: injected failure in step UPGRADE");
        assertThat(h.run(FAIL_UPGRADE, "export OSM_STEP=PREPARE\nrpm -q bash >/dev/null && uname -r"))
                .containsEntry("InvocationStatus", "Success");
        assertThat(h.sim.instance(FAIL_UPGRADE).orElseThrow().osId()).isEqualTo("centos");
    }

    @Test
    void timeoutKillsTheScriptAndItsChildren(@TempDir Path own) {
        // Its own engine: a 1 s cap on every script would make the other tests flaky on a busy machine.
        try (EngineHarness quick = new EngineHarness(SimulatorSettings.defaults().withWorkDir(own)
                .withCommandTimeoutCap(Duration.ofSeconds(1)))) {
            long started = System.nanoTime();
            Map<String, Object> r = quick.run("i-bp1demo000000000008", "echo before; sleep 30 & wait; echo after");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
            assertThat(r).containsEntry("InvocationStatus", "Timeout").containsEntry("InvokeRecordStatus", "Failed")
                    .containsEntry("ErrorCode", "ExecutionTimeout");
            assertThat(output(r)).isEqualTo("before\n");
        }
    }

    @Test
    void outputKeepsTheLast24KiB() {
        Map<String, Object> r = h.run("i-bp1demo000000000009", """
                i=0; while [ $i -lt 700 ]; do echo "line $i ......................................"; i=$((i+1)); done
                echo THE-END
                """);
        String out = output(r);
        assertThat(out.getBytes(StandardCharsets.UTF_8)).hasSize(CommandRunner.MAX_OUTPUT_BYTES);
        assertThat(out).endsWith("THE-END\n");
        assertThat(((Number) r.get("Dropped")).longValue()).isPositive();
    }

    @Test
    void rebootRequestedByAScriptRebootsTheInstanceAfterwards() {
        String id = "i-bp1demo000000000010";
        Instant bootedBefore = h.sim.instance(id).orElseThrow().startTime();
        Map<String, Object> r = h.run(id, "echo going down; reboot");
        assertThat(r).containsEntry("InvocationStatus", "Success");
        await().atMost(Duration.ofSeconds(5)).until(() -> h.sim.instance(id).orElseThrow().startTime().isAfter(bootedBefore));
        assertThat(h.sim.instance(id).orElseThrow().cloudAssistantOnline()).isTrue();
        assertThat(Files.exists(h.sim.root(id).resolve("var/lib/osm-sim/reboot-requested"))).isFalse();
    }

    @Test
    void agentOfflineAbortsAndStoppedInstanceIsRefused() {
        String noAgent = "i-bp1demo000000000016";
        Map<String, Object> r = h.run(noAgent, "echo hi");
        assertThat(r).containsEntry("InvocationStatus", "Aborted").containsEntry("ErrorCode", "ClientNotRunning")
                .containsEntry("InvokeRecordStatus", "Failed");
        assertThat(output(h.run("i-bp1demo000000000013", "systemctl is-active aliyun"))).isEqualTo("active\n");

        String id = "i-bp1demo000000000022";
        h.sim.setInstanceStatus(id, "Stopped");
        ApiResponse refused = h.call("RunCommand", Map.of("InstanceId.1", id, "Type", "RunShellScript", "CommandContent", "true"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).containsEntry("Code", "IncorrectInstanceStatus");
        h.sim.setInstanceStatus(id, "Running");
    }

    @Test
    void commandContentOverEcsLimitIsRefused() {
        ApiResponse r = h.call("RunCommand", Map.of("InstanceId.1", CENTOS7, "Type", "RunShellScript",
                "CommandContent", "#".repeat(20_000)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).containsEntry("Code", "InvalidCommandContent.LengthLimitExceeded");
    }
}
