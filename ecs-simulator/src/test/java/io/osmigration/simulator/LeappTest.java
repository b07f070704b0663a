package io.osmigration.simulator;

import static io.osmigration.simulator.EngineHarness.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leapp as ELevate's build behaves on real CentOS 7 hosts (real listings): installed from the
 * repository its release RPM configures, argparse checks, reports driven by the host's files,
 * staging and the offline phase.
 */
class LeappTest {

    /** What a host needs before Leapp can run: yum pointed at the vault, ELevate's repo, the tool and AlmaLinux's data. */
    static final String INSTALL = """
            sed -i 's#/centos/$releasever/#/centos-vault/7.9.2009/#' "$OSM_ROOT/etc/yum.repos.d/CentOS-Base.repo"
            yum install -y http://repo.almalinux.org/elevate/elevate-release-latest-el$(rpm --eval %rhel).noarch.rpm >/dev/null || exit 11
            yum install -y leapp-upgrade leapp-data-almalinux >/dev/null || exit 12
            """;

    @TempDir
    static Path work;
    static EngineHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = EngineHarness.fastTools(work, """
                {"instances": [
                  {"instanceId": "i-clean", "packagesFile": "centos7-server"},
                  {"instanceId": "i-lsmod", "packagesFile": "centos7-server", "modulesFile": "lsmod-centos7", "sshd": {"permitRootLogin": "unset"}},
                  {"instanceId": "i-tiny", "packagesFile": "centos7-server", "memoryMiB": 1024, "kernel": "3.10.0-1127.el7.x86_64",
                   "disks": [{"bootFreeMiB": 60}]},
                  {"instanceId": "i-big", "packagesFile": "centos7-server", "packageCount": 1500},
                  {"instanceId": "i-upgrade", "packagesFile": "centos7-server", "modulesFile": "lsmod-centos7",
                   "leapp": {"preupgradeDuration": "PT5M", "upgradeDuration": "PT10M", "offlineDuration": "PT40M"}},
                  {"instanceId": "i-offline", "packagesFile": "centos7-server", "internet": false},
                  {"instanceId": "i-nodata", "packagesFile": "centos7-server"},
                  {"instanceId": "i-install", "packagesFile": "centos7-server"},
                  {"instanceId": "i-console", "packagesFile": "centos7-server"},
                  {"instanceId": "i-answer", "packagesFile": "centos7-server", "modulesFile": "lsmod-centos7"},
                  {"instanceId": "i-rhel", "packagesFile": "rhel72-server", "osRelease": {"NAME": "Red Hat Enterprise Linux Server",
                   "VERSION": "7.9 (Maipo)", "ID": "rhel", "VERSION_ID": "7.9", "PRETTY_NAME": "Red Hat Enterprise Linux Server 7.9 (Maipo)"},
                   "kernel": "3.10.0-1160.105.1.el7.x86_64", "repos": ["rhui-rhel-7-server-rhui-rpms", "rhui-rhel-7-server-rhui-extras-rpms"],
                   "pamPkcs11": false},
                  {"instanceId": "i-anolis8", "packagesFile": "centos7-server", "pamPkcs11": false,
                   "repoBaseUrl": "http://mirrors.cloud.aliyuncs.com/centos-vault/7.9.2009"}
                ]}""");
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private String read(String id, String file) throws Exception {
        return Files.readString(h.sim.root(id).resolve(file.substring(1)), StandardCharsets.UTF_8);
    }

    @Test
    void leappComesFromTheRepositoryElevateReleaseConfigures() {
        Map<String, Object> r = h.run("i-install", """
                leapp --version; echo "before=$?"
                sed -i 's#/centos/$releasever/#/centos-vault/7.9.2009/#' "$OSM_ROOT/etc/yum.repos.d/CentOS-Base.repo"
                yum install -y leapp-upgrade; echo "without-repo=$?"
                yum install -y http://repo.almalinux.org/elevate/elevate-release-latest-el7.noarch.rpm >/dev/null; echo "release=$?"
                yum install -y leapp-upgrade >/dev/null; echo "install=$?"
                rpm -q leapp-upgrade-el7toel8 leapp
                leapp --version
                """);
        assertThat(output(r)).contains("before=127", "No package leapp-upgrade available.", "without-repo=1", "release=0",
                "install=0", "leapp-upgrade-el7toel8-0.21.0-2.el7.noarch", "leapp-0.18.0-1.el7.noarch", "leapp version 0.18.0");
    }

    @Test
    void withoutVendorDataThePreupgradeEndsInAnActorError() throws Exception {
        Map<String, Object> r = h.run("i-nodata", INSTALL.replace(" leapp-data-almalinux", "") + "leapp preupgrade --target 8.10");
        assertThat(r).containsEntry("ExitCode", 1);
        assertThat(output(r)).contains("Following errors occurred and the upgrade cannot continue:", "Actor: repositories_mapping",
                "Data file /etc/leapp/files/repomap.json is missing or invalid.");
        assertThat(read("i-nodata", "/var/log/leapp/leapp-report.txt")).contains("Risk Factor: high (error)");
    }

    @Test
    void targetTakesAVersionFromTheSupportedSetAnythingElseIsAUsageError() throws Exception {
        Map<String, Object> r = h.run("i-clean", INSTALL + "leapp preupgrade --target alinux3");
        assertThat(r).containsEntry("ExitCode", 2);
        assertThat(output(r)).startsWith("usage: leapp preupgrade").contains(
                "error: argument --target: invalid choice: 'alinux3' (choose from '8.7', '8.8', '8.9', '8.10')");
        assertThat(Files.exists(h.sim.root("i-clean").resolve("var/log/leapp/leapp-report.json"))).as("no report").isFalse();
        assertThat(h.run("i-clean", "leapp preupgrade --report-schema 2.0")).containsEntry("ExitCode", 2);
        assertThat(h.run("i-clean", "leapp preupgrade --bogus")).containsEntry("ExitCode", 2);
        assertThat(output(h.run("i-clean", "leapp frobnicate; echo rc=$?"))).contains("Command \"frobnicate\" is unknown.", "rc=1");
    }

    @Test
    void realHostWithFloppyAndPataAcpiAndNoRootLoginSettingIsInhibited() throws Exception {
        Map<String, Object> r = h.run("i-lsmod", INSTALL + "leapp preupgrade --target 8.10");
        assertThat(r).containsEntry("ExitCode", 1);
        String console = output(r);
        assertThat(console).contains("==> Processing phase `FactsCollection`", "====> * checkmemory\n", "Upgrade has been inhibited due to the following problems:",
                "Leapp detected loaded kernel drivers which have been removed in RHEL 8. Upgrade cannot proceed.",
                "Possible problems with remote login using root account", "Missing required answers in the answer file");
        String json = read("i-lsmod", "/var/log/leapp/leapp-report.json");
        Map<String, Object> report = Json.object(json);
        List<Map<String, Object>> entries = EngineHarness.list(report.get("entries"));
        Map<String, Object> drivers = entries.stream().filter(e -> "check_detected_devices_and_drivers".equals(e.get("actor")))
                .findFirst().orElseThrow();
        // Schema 1.1.0: the inhibitor is a flag; the drivers come from device_driver_deprecation_data.json.
        assertThat(drivers).containsEntry("flags", List.of("inhibitor")).containsEntry("severity", "high");
        assertThat((String) drivers.get("summary")).contains("- pata_acpi", "- floppy");
        Map<String, Object> answers = entries.stream().filter(e -> "verify_check_results".equals(e.get("actor"))).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> remediations = (List<Map<String, Object>>) ((Map<String, Object>) answers.get("detail")).get("remediations");
        assertThat(remediations).anySatisfy(rm -> assertThat(rm).containsEntry("type", "command")
                .containsEntry("context", List.of("leapp", "answer", "--section", "remove_pam_pkcs11_module_check.confirm=True")));
        assertThat(json.length()).as("a real report's size").isBetween(20_000, 60_000);
        assertThat(read("i-lsmod", "/var/log/leapp/leapp-report.txt")).contains("Risk Factor: high (inhibitor)",
                "Remediation: [hint] Please register user choices with leapp answer cli command or by manually editing the answerfile.\n"
                        + "[command] leapp answer --section remove_pam_pkcs11_module_check.confirm=True");
        assertThat(read("i-lsmod", "/var/log/leapp/answerfile")).contains("[remove_pam_pkcs11_module_check]", "# confirm = ");
    }

    @Test
    void theConsolePrintsTwoLinesPerActorOfEveryPhaseUntilReports() {
        Map<String, Object> r = h.run("i-console", INSTALL + "leapp preupgrade --target 8.10 | grep -c '^====> \\*'");
        assertThat(Integer.parseInt(output(r).trim())).as("actors of FactsCollection..Reports, el7toel8").isGreaterThan(150);
    }

    @Test
    void answeringTheDialogBeforeTheAnswerfileExistsIsIgnoredAfterwardsItLifts() throws Exception {
        String before = output(h.run("i-answer", INSTALL + "leapp answer --section remove_pam_pkcs11_module_check.confirm=True; echo rc=$?"));
        assertThat(before).contains("WARNING: Only sections found in original userfile can be updated, ignoring "
                + "remove_pam_pkcs11_module_check.confirm=True", "rc=0");
        String after = output(h.run("i-answer", """
                modprobe -r floppy pata_acpi
                leapp preupgrade --target 8.10 >/dev/null; echo "first=$?"
                leapp answer --section remove_pam_pkcs11_module_check.confirm=True
                leapp preupgrade --target 8.10 --report-schema 1.2.0 >/dev/null; echo "second=$?"
                """));
        assertThat(after).contains("first=1", "second=0");
        Map<String, Object> report = Json.object(read("i-answer", "/var/log/leapp/leapp-report.json"));
        List<Map<String, Object>> entries = EngineHarness.list(report.get("entries"));
        assertThat(entries).allSatisfy(e -> assertThat(e).containsKey("groups").doesNotContainKey("flags"));
        assertThat(entries).anySatisfy(e -> assertThat(e).containsEntry("title", "Module pam_pkcs11 will be removed from PAM configuration"));
        assertThat(entries).noneMatch(e -> ((List<?>) e.get("groups")).contains("inhibitor"));
    }

    @Test
    void memoryBootSpaceAndAnOlderBootedKernelInhibit() throws Exception {
        h.run("i-tiny", INSTALL + "leapp preupgrade --target 8.10");
        String txt = read("i-tiny", "/var/log/leapp/leapp-report.txt");
        assertThat(txt).contains("Title: Minimum memory requirements for RHEL 8 are not met", "Memory detected: 1024 MiB, required: 1536 MiB",
                "Title: Not enough space on /boot", "Title: Newest installed kernel not in use");
    }

    @Test
    void aBigHostsReportIsBig() throws Exception {
        h.run("i-big", INSTALL + "leapp preupgrade --target 8.10");
        assertThat(read("i-big", "/var/log/leapp/leapp-report.json").length()).isGreaterThan(150_000);
    }

    @Test
    void withoutInternetTheTargetRepositoriesAreOutOfReach() throws Exception {
        Map<String, Object> r = h.run("i-offline", """
                sed -i 's#/centos/$releasever/#/centos-vault/7.9.2009/#' "$OSM_ROOT/etc/yum.repos.d/CentOS-Base.repo"
                yum install -y http://repo.almalinux.org/elevate/elevate-release-latest-el7.noarch.rpm; echo "rc=$?"
                """);
        assertThat(output(r)).as("repo.almalinux.org needs internet access (EIP or NAT)").contains("Cannot open: http://repo.almalinux.org/")
                .contains("rc=1");
    }

    @Test
    void redHatsLeappComesFromTheExtrasRepositoryAndNeedsRhuiOrASubscription() throws Exception {
        String id = "i-rhel";
        String out = output(h.run(id, """
                yum install -y leapp-upgrade >/dev/null; echo "install=$?"
                leapp preupgrade --target 8.9; echo "unsupported=$?"
                leapp preupgrade --target 8.10 >/dev/null; echo "unregistered=$?"
                """));
        // oamg/leapp-repository v0.21.0 upgrade_paths.json: 7.9 -> 8.8, 8.10
        assertThat(out).contains("install=0", "invalid choice: '8.9' (choose from '8.8', '8.10')", "unsupported=2", "unregistered=1");
        assertThat(read(id, "/var/log/leapp/leapp-report.txt")).contains("Title: The system is not registered or subscribed.");
        String rhui = output(h.run(id, "yum install -y leapp-rhui-alibaba >/dev/null; leapp preupgrade --target 8.10 >/dev/null; echo rc=$?"));
        assertThat(rhui).contains("rc=0");
    }

    @Test
    void anolisLeappUpgradesCentos7ToAnolis8WithoutATarget() {
        String id = "i-anolis8";
        Map<String, Object> r = h.run(id, """
                wget -q -O "$OSM_ROOT/etc/yum.repos.d/anolis-migration.repo" https://mirrors.openanolis.cn/anolis/migration/anolis-migration.repo
                yum -y install leapp >/dev/null || exit 11
                leapp preupgrade --no-rhsm >/dev/null; echo "preupgrade=$?"
                leapp upgrade --no-rhsm | tail -n 2
                """);
        assertThat(output(r)).contains("preupgrade=0", "Reboot the system to continue with the upgrade.");
        java.time.Instant booted = h.view(id).bootedAt();
        h.run(id, "exit 194");
        await().atMost(Duration.ofSeconds(15)).until(() -> h.view(id).bootedAt().isAfter(booted) && h.view(id).cloudAssistantOnline());
        assertThat(h.view(id).osPrettyName()).isEqualTo("Anolis OS 8.8");
        assertThat(h.view(id).kernel()).isEqualTo("5.10.134-13.an8.x86_64");
    }

    @Test
    void upgradeStagesThenTheOfflinePhaseAndASecondRebootBringTheNewSystem() throws Exception {
        String id = "i-upgrade";
        String blocked = output(h.run(id, INSTALL + "leapp upgrade --target 8.10; echo rc=$?"));
        assertThat(blocked).contains("Upgrade has been inhibited", "rc=1").doesNotContain("Reboot the system");
        Map<String, Object> staged = h.run(id, """
                modprobe -r floppy pata_acpi
                leapp answer --section remove_pam_pkcs11_module_check.confirm=True
                leapp upgrade --target 8.10
                """);
        assertThat(staged).containsEntry("ExitCode", 0);
        assertThat(output(staged)).contains("==> Processing phase `InterimPreparation`",
                "Reboot the system to continue with the upgrade. This might take a while depending on the system configuration.");
        assertThat(h.view(id).osId()).as("only staged").isEqualTo("centos");
        h.run(id, "exit 194");
        await().atMost(Duration.ofSeconds(5)).until(() -> "OFFLINE_UPGRADE".equals(h.view(id).osState()));
        assertThat(h.view(id).cloudAssistantOnline()).isFalse();
        assertThat(h.view(id).osId()).isEqualTo("centos");
        await().atMost(Duration.ofSeconds(15)).until(() -> h.view(id).cloudAssistantOnline());
        assertThat(h.view(id).osPrettyName()).isEqualTo("AlmaLinux 8.10 (Cerulean Leopard)");
        String after = output(h.run(id, """
                uname -r
                rpm -qa | grep -c '\\.el8'
                rpm -q openssh-server almalinux-release
                grep -c '^floppy ' "$OSM_ROOT/proc/modules"
                """));
        assertThat(after).startsWith("4.18.0-553.el8_10.x86_64\n").contains("openssh-server-8.0p1-4.el8_1.x86_64",
                "almalinux-release-8.10-1.el8.x86_64", "\n0\n");
        assertThat(Integer.parseInt(after.split("\n")[1])).isGreaterThan(200);
        Map<String, Object> di = h.ok("DescribeInstances", Map.of("InstanceIds", "[\"" + id + "\"]"));
        assertThat(EngineHarness.first(EngineHarness.path(di, "Instances.Instance"))).containsEntry("OSName", "AlmaLinux 8.10 (Cerulean Leopard)");
    }
}
