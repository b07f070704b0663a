package io.osmigration.simulator;

import static io.osmigration.simulator.EngineHarness.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same-major conversions: convert2rhel (oamg/convert2rhel) and centos2anolis.py (Anolis OS migration repository). */
class ConversionToolsTest {

    static final String VAULT = "sed -i 's#/centos/$releasever/#/centos-vault/7.9.2009/#' \"$OSM_ROOT/etc/yum.repos.d/CentOS-Base.repo\"\n";
    static final String CONVERT2RHEL = VAULT
            + "curl -fsS -o \"$OSM_ROOT/etc/yum.repos.d/convert2rhel.repo\" "
            + "https://cdn-public.redhat.com/content/public/addon/dist/convert2rhel/server/7/7Server/x86_64/files/repofile.repo || exit 11\n"
            + "yum install -y convert2rhel >/dev/null || exit 12\n";

    @TempDir
    static Path work;
    static EngineHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = EngineHarness.fastTools(work, """
                {"instances": [
                  {"instanceId": "i-c2r", "packagesFile": "centos7-server"},
                  {"instanceId": "i-c2r-tainted", "packagesFile": "centos7-server",
                   "modules": ["virtio_net 28063 0 - Live 0xffffffffc02e2000", "nvidia 35000000 0 - Live 0xffffffffc1000000 (POE)"]},
                  {"instanceId": "i-anolis", "packagesFile": "centos7-server"}
                ]}""");
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static void rebootAndWait(String id) {
        java.time.Instant booted = h.view(id).bootedAt();
        h.run(id, "exit 194");
        await().atMost(Duration.ofSeconds(10)).until(() -> h.view(id).bootedAt().isAfter(booted) && h.view(id).cloudAssistantOnline());
    }

    @Test
    void convert2rhelAnalyzeExitCodesAndItsPreConversionReport() throws Exception {
        String out = output(h.run("i-c2r", CONVERT2RHEL + """
                convert2rhel analyze -y --no-rhsm; echo "no-rhsm-without-repo=$?"
                convert2rhel analyze --org 1234 --activationkey key; echo "no-assume-yes=$?"
                convert2rhel analyze -y; echo "no-credentials=$?"
                convert2rhel analyze -y --org 1234 --activationkey secret-key; echo "analyze=$?"
                """));
        assertThat(out).contains("The --enablerepo option is required when --no-rhsm is used.", "no-rhsm-without-repo=1",
                "no-assume-yes=1", "Username: ", "no-credentials=1", "analyze=0", "--activationkey *****").doesNotContain("secret-key");
        String json = Files.readString(h.sim.root("i-c2r").resolve("var/log/convert2rhel/convert2rhel-pre-conversion.json"), StandardCharsets.UTF_8);
        assertThat(Json.object(json)).containsEntry("format_version", "1.1").containsEntry("status", "SUCCESS").containsKey("actions");
        assertThat(h.view("i-c2r").osId()).as("analyze rolls everything back").isEqualTo("centos");
    }

    @Test
    void convert2rhelTakesItsCredentialsFromItsConfigFileOnlyWhenOnlyTheOwnerCanReadIt() throws Exception {
        String out = output(h.run("i-c2r", CONVERT2RHEL + """
                printf '[subscription_manager]\\norg = 1234\\nactivation_key = secret-key\\n' > "$OSM_ROOT/etc/convert2rhel.ini"
                chmod 0644 "$OSM_ROOT/etc/convert2rhel.ini"
                convert2rhel analyze -y; echo "readable-by-others=$?"
                chmod 0600 "$OSM_ROOT/etc/convert2rhel.ini"
                convert2rhel analyze -y; echo "from-config=$?"
                rm -f "$OSM_ROOT/etc/convert2rhel.ini"
                """));
        assertThat(out).contains("must only be accessible by the owner (0600)", "readable-by-others=1", "from-config=0")
                .doesNotContain("secret-key", "Username: ");
    }

    @Test
    void aTaintedModuleIsAnOverridableInhibitorExit2() throws Exception {
        Map<String, Object> r = h.run("i-c2r-tainted", CONVERT2RHEL + "convert2rhel analyze -y --org 1234 --activationkey k");
        assertThat(r).containsEntry("ExitCode", 2);
        String json = Files.readString(h.sim.root("i-c2r-tainted").resolve("var/log/convert2rhel/convert2rhel-pre-conversion.json"),
                StandardCharsets.UTF_8);
        assertThat(json).contains("\"status\": \"OVERRIDABLE\"", "\"TAINTED_KMODS_DETECTED\"", "nvidia");
    }

    @Test
    void convert2rhelConvertsNowAndTheRhelKernelBootsAfterTheReboot() {
        String id = "i-c2r";
        Map<String, Object> r = h.run(id, CONVERT2RHEL + "convert2rhel -y --org 1234 --activationkey k");
        assertThat(r).containsEntry("ExitCode", 0);
        assertThat(output(r)).contains("Conversion successful!");
        assertThat(h.view(id).osPrettyName()).isEqualTo("Red Hat Enterprise Linux Server 7.9 (Maipo)");
        assertThat(output(h.run(id, "uname -r"))).as("the new kernel needs a reboot").isEqualTo("3.10.0-1160.92.1.el7.x86_64\n");
        rebootAndWait(id);
        assertThat(output(h.run(id, "uname -r; rpm -q redhat-release-server"))).isEqualTo(
                "3.10.0-1160.119.1.el7.x86_64\nredhat-release-server-7.9-6.el7.x86_64\n");
    }

    @Test
    void centos2anolisNeedsEpelForItsDependencyThenConverts() {
        String id = "i-anolis";
        String out = output(h.run(id, VAULT + """
                wget -q -O "$OSM_ROOT/etc/yum.repos.d/anolis-migration.repo" https://mirrors.openanolis.cn/anolis/migration/anolis-migration.repo
                yum -y install centos2anolis; echo "without-epel=$?"
                printf '[epel-archive]\\nname=EPEL 7 archive\\nbaseurl=https://archive.fedoraproject.org/pub/archive/epel/7/$basearch/\\nenabled=1\\n' \\
                    > "$OSM_ROOT/etc/yum.repos.d/epel-archive.repo"
                yum -y install centos2anolis >/dev/null; echo "with-epel=$?"
                centos2anolis.py; echo "convert=$?"
                """));
        assertThat(out).contains("Error: Package: centos2anolis-0.2-20.an7.noarch (migration)", "Requires: python36-psutil",
                "without-epel=1", "with-epel=0", "convert=0");
        assertThat(h.view(id).osPrettyName()).isEqualTo("Anolis OS 7.9");
        rebootAndWait(id);
        assertThat(output(h.run(id, "uname -r"))).isEqualTo("4.19.91-27.an7.x86_64\n");
    }
}
