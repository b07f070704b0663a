package io.osmigration.simulator;

import static io.osmigration.simulator.EngineHarness.output;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RunCommand runs real /bin/sh scripts against each instance's fake root and command stubs; the
 * instances carry real package listings (world/hosts/centos7-server.txt for the CentOS 7 hosts).
 */
class ScriptExecutionTest {

    static final String CENTOS7 = "i-bp1demo000000000001";
    static final String CENTOS8_ARM = "i-bp1demo000000000004";
    static final String I686 = "i-bp1demo000000000011";
    static final String EPEL_MODULAR = "i-bp1demo000000000012";
    static final String MYSQL = "i-bp1demo000000000015";
    static final String DISK_FULL = "i-bp1demo000000000017";
    static final String TINY = "i-bp1demo000000000018";
    static final String UBUNTU = "i-bp1demo000000000019";
    static final String FAIL_UPGRADE = "i-bp1demo000000000020";

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
                rpm -qa | wc -l
                echo "kernel=$(uname -r) arch=$(uname -m) node=$(uname -n)"
                cat "${OSM_ROOT:-}/etc/machine-id"
                cat "${OSM_ROOT:-}/proc/modules" | head -n 1
                echo "pwd=$(pwd) home=$HOME user=$(id -u)"
                """);
        assertThat(r).containsEntry("InvocationStatus", "Success").containsEntry("InvokeRecordStatus", "Finished")
                .containsEntry("ExitCode", 0);
        String out = output(r);
        // centos7-server.txt: 386 packages, plus the Cloud Assistant agent's; its newest kernel boots.
        assertThat(out).contains("id=centos version=7", "glibc-2.17-326.el7_9.x86_64", "\n387\n",
                "kernel=3.10.0-1160.92.1.el7.x86_64 arch=x86_64 node=web-centos79-01", FakeRoot.machineId(CENTOS7),
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
    void dfFreeSystemctlAndFriendsReadTheFleetProfile() {
        String out = output(h.run(DISK_FULL, """
                df -P -k / | tail -n 1 | awk '{print "root_avail_kib=" $4}'
                df -P -k /boot | tail -n 1 | awk '{print "boot_avail_kib=" $4 " mnt=" $6}'
                df -P -m /var/log | tail -n 1 | awk '{print "var_mnt=" $6}'
                free -m | awk '/^Mem:/ {print "mem_total=" $2}'
                systemctl is-active aliyun
                hostname
                curl -fsS http://100.100.100.200/latest/meta-data/instance-id; echo "curl=$?"
                """));
        assertThat(out).contains("root_avail_kib=307200", "boot_avail_kib=40960 mnt=/boot", "var_mnt=/", "mem_total=8192",
                "active\n", "log-centos7-diskfull", "curl=7");
        assertThat(output(h.run(TINY, "free -m | awk '/^Mem:/ {print $2}'"))).isEqualTo("512\n");
        assertThat(output(h.run(CENTOS8_ARM, "uname -m; uname -a; arch"))).startsWith("aarch64\nLinux app-centos8-arm-01 4.18.0-348.7.1.el8_5.aarch64 ")
                .endsWith("aarch64\n");
    }

    @Test
    void yumOnACentos7ImageFailsUntilItPointsAtTheVault() {
        // The ECS CentOS 7 image points at mirrors.cloud.aliyuncs.com/centos/7, gone since the EOL (yum 3's message).
        Map<String, Object> stock = h.run(DISK_FULL, "yum makecache");
        assertThat(stock).containsEntry("ExitCode", 1);
        assertThat(output(stock)).contains("One of the configured repositories failed (CentOS-7 - Base)",
                "http://mirrors.cloud.aliyuncs.com/centos/7/os/x86_64/repodata/repomd.xml: [Errno 14] HTTP Error 404 - Not Found");
        assertThat(h.run(DISK_FULL, "yum -q repolist")).as("yum 3's repolist loads metadata too").containsEntry("ExitCode", 1);
        Map<String, Object> vault = h.run(DISK_FULL, """
                sed -i 's#/centos/$releasever/#/centos-vault/7.9.2009/#' "$OSM_ROOT/etc/yum.repos.d/CentOS-Base.repo"
                yum makecache && yum repolist enabled | awk 'NR > 3 && $1 != "repolist:" {print $1}' | tr '\\n' ' '
                """);
        assertThat(vault).containsEntry("ExitCode", 0);
        assertThat(output(vault)).contains("Metadata Cache Created", "base/7/x86_64 updates/7/x86_64 extras/7/x86_64");
        assertThat(output(h.run(EPEL_MODULAR, "dnf repolist enabled | grep -c epel-modular"))).as("dnf 4 repolist reads no metadata")
                .isEqualTo("1\n");
    }

    @Test
    void installWithoutAssumeYesMeetsTheClosedStdinAndInstallsNothing() {
        Map<String, Object> r = h.run(CENTOS7, "yum install yum-utils; echo rc=$?; rpm -q yum-utils");
        assertThat(output(r)).contains("Is this ok [y/d/N]: ", "Exiting on user command", "rc=1", "package yum-utils is not installed");
    }

    @Test
    void brokenRepoFromTheFleetFileFailsDnfAsItWould(@TempDir Path own) throws Exception {
        Path fleet = own.resolve("fleet.json");
        Files.writeString(fleet, """
                {"instances": [{"instanceId": "i-broken", "packagesFile": "centos8", "osRelease": {"ID": "centos", "VERSION_ID": "8"},
                  "repos": ["baseos", "appstream"], "repoBaseUrl": "http://mirrors.cloud.aliyuncs.com/centos-vault/8.5.2111",
                  "faults": {"brokenRepos": ["appstream"]}}]}""");
        try (EngineHarness broken = new EngineHarness(SimulatorSettings.defaults().withWorkDir(own.resolve("w")).withFleetFile(fleet))) {
            Map<String, Object> r = broken.run("i-broken", "dnf makecache");
            assertThat(r).containsEntry("ExitCode", 1);
            assertThat(output(r)).contains("Errors during downloading metadata for repository 'appstream'",
                    "Error: Failed to download metadata for repo 'appstream'");
            assertThat(broken.run("i-broken", "dnf --disablerepo=appstream makecache")).containsEntry("ExitCode", 0);
            assertThat(output(broken.run("i-broken", "dnf --disablerepo=appstream install -y nosuchpackage; echo rc=$?")))
                    .contains("No match for argument: nosuchpackage", "Error: Unable to find a match: nosuchpackage", "rc=1");
        }
    }

    @Test
    void packageRemovalAndRepoChangesPersistInTheRoot() {
        String out = output(h.run(I686, """
                rpm -qa | grep -c '\\.i686$'
                yum remove -y glibc.i686 nss-softokn-freebl.i686 >/dev/null
                rpm -qa | grep -c '\\.i686$'
                yum-config-manager --disable updates; echo "config-manager=$?"
                """));
        assertThat(out).as("yum-config-manager comes with yum-utils, which this host lacks").startsWith("2\n0\n")
                .contains("config-manager=127");
        assertThat(output(h.run(I686, "rpm -q glibc.i686 >/dev/null || echo gone"))).isEqualTo("gone\n");
        String vault = output(h.run("i-bp1demo000000000008", """
                yum install -y yum-utils >/dev/null; echo "install=$?"
                yum-config-manager --disable updates >/dev/null
                yum repolist enabled | grep -c '^updates'
                """));
        assertThat(vault).isEqualTo("install=0\n0\n");
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
    void injectedStepFailureOnlyHitsThatStep() {
        Map<String, Object> upgrade = h.run(FAIL_UPGRADE, "export OSM_STEP=UPGRADE\nrpm -q bash");
        assertThat(upgrade).containsEntry("InvocationStatus", "Failed").containsEntry("ExitCode", 1);
        assertThat(output(upgrade)).contains("osm-sim: injected failure in step UPGRADE (rpm)");
        assertThat(h.run(FAIL_UPGRADE, "export OSM_STEP=UPGRADE\nyum clean all")).containsEntry("ExitCode", 1);
        assertThat(h.run(FAIL_UPGRADE, "export OSM_STEP=PREPARE\nrpm -q bash >/dev/null && uname -r"))
                .containsEntry("InvocationStatus", "Success");
        assertThat(h.sim.instance(FAIL_UPGRADE).orElseThrow().osId()).isEqualTo("centos");
    }

    @Test
    void migrationToolsAreAbsentUntilInstalled() {
        String out = output(h.run(CENTOS7, "leapp preupgrade; echo leapp=$?; convert2rhel --version; echo c2r=$?; centos2anolis.py; echo c2a=$?"));
        assertThat(out).contains("leapp=127", "c2r=127", "c2a=127");
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
