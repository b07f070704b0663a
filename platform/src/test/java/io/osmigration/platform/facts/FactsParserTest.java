package io.osmigration.platform.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class FactsParserTest {

    private static final Instant AT = Instant.parse("2026-11-28T10:00:00Z");

    private static final String CENTOS7 = """
            ==osm:os-release==
            NAME="CentOS Linux"
            VERSION="7 (Core)"
            ID="centos"
            VERSION_ID="7"
            PRETTY_NAME="CentOS Linux 7 (Core)"
            ==osm:arch==
            x86_64
            ==osm:kernel==
            3.10.0-1160.el7.x86_64
            ==osm:hostname==
            web-01
            ==osm:machine-id==
            0123456789abcdef0123456789abcdef
            ==osm:packages==
            bash-4.2.46-35.el7_9.x86_64
            glibc-2.17-326.el7_9.i686
            ==osm:modules==
            floppy 69432 0 - Live 0xffffffffc0335000
            ==osm:repos==
            base
            epel-modular
            ==osm:df==
            Filesystem     1024-blocks    Used Available Capacity Mounted on
            /dev/vda1         41152736 9000000  20971520      30% /
            /dev/vda2           999320  500000    409600      55% /boot
            ==osm:memory==
            3789
            ==osm:cloud-assistant==
            installed
            ==osm:local-binaries==
            /usr/local/bin/report-builder
            ==osm:end==
            """;

    @Test
    void readsEverySection() {
        ServerFacts facts = FactsParser.parse(CENTOS7, AT);

        assertThat(facts.osId()).isEqualTo("centos");
        assertThat(facts.osVersionId()).isEqualTo("7");
        assertThat(facts.osPrettyName()).isEqualTo("CentOS Linux 7 (Core)");
        assertThat(facts.arch()).isEqualTo("x86_64");
        assertThat(facts.kernel()).isEqualTo("3.10.0-1160.el7.x86_64");
        assertThat(facts.hostname()).isEqualTo("web-01");
        assertThat(facts.machineId()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(facts.packages()).containsExactly("bash-4.2.46-35.el7_9.x86_64", "glibc-2.17-326.el7_9.i686");
        assertThat(facts.modules()).containsExactly("floppy 69432 0 - Live 0xffffffffc0335000");
        assertThat(facts.repos()).containsExactly("base", "epel-modular");
        assertThat(facts.rootFreeMiB()).isEqualTo(20_480L);
        assertThat(facts.bootFreeMiB()).isEqualTo(400L);
        assertThat(facts.memoryMiB()).isEqualTo(3789L);
        assertThat(facts.cloudAssistantInstalled()).isTrue();
        assertThat(facts.collectedAt()).isEqualTo(AT);
        assertThat(facts.localBinaries()).containsExactly("/usr/local/bin/report-builder");
    }

    @Test
    void withoutASeparateBootFileSystemBootSharesRootsFreeSpace() {
        String output = CENTOS7.replaceAll("(?m)^/dev/vda2.*\\n", "");

        assertThat(FactsParser.parse(output, AT).bootFreeMiB()).isEqualTo(20_480L);
    }

    @Test
    void truncatedOutputIsRejectedRatherThanReadAsAServerWithoutPackages() {
        String truncated = CENTOS7.substring(0, CENTOS7.indexOf("==osm:modules=="));

        assertThatThrownBy(() -> FactsParser.parse(truncated, AT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("==osm:end==");
    }

    @Test
    void theCollectorScriptRunsOnThisMachineAndItsOutputParses() throws Exception {
        java.nio.file.Path script = java.nio.file.Files.createTempFile("collect-facts", ".sh");
        java.nio.file.Files.writeString(script, OnInstanceScripts.load(OnInstanceScripts.COLLECT_FACTS));
        Process process = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).isZero();

        ServerFacts facts = FactsParser.parse(output, AT);

        String osRelease = java.nio.file.Files.readString(java.nio.file.Path.of("/etc/os-release"));
        assertThat(osRelease).contains(facts.osId());
        assertThat(facts.arch()).isEqualTo(System.getProperty("os.arch").equals("amd64") ? "x86_64" : facts.arch());
        assertThat(facts.rootFreeMiB()).isPositive();
        assertThat(facts.memoryMiB()).isPositive();
    }

    @Test
    void localBinariesAreTheElfExecutablesUnderUsrLocalAndOpt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root)
            throws Exception {
        java.nio.file.Path bin = java.nio.file.Files.createDirectories(root.resolve("usr/local/bin"));
        java.nio.file.Files.copy(java.nio.file.Path.of("/bin/true"), bin.resolve("built-here"));
        java.nio.file.Files.writeString(bin.resolve("wrapper.sh"), "#!/bin/sh\necho hi\n");
        bin.resolve("wrapper.sh").toFile().setExecutable(true);
        java.nio.file.Path script = java.nio.file.Files.createTempFile("collect-facts", ".sh");
        java.nio.file.Files.writeString(script, OnInstanceScripts.load(OnInstanceScripts.COLLECT_FACTS));
        ProcessBuilder builder = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true);
        builder.environment().put("OSM_ROOT", root.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).isZero();

        assertThat(FactsParser.parse(output, AT).localBinaries()).containsExactly("/usr/local/bin/built-here");
    }

    @Test
    void aServerWith1500RealPackagesIsReadWholeAndItsCountsAgree() {
        java.util.List<String> packages = new java.util.ArrayList<>(io.osmigration.platform.fixtures.RealHosts.packages(1499));
        packages.add(700, "glibc-2.17-326.el7_9.i686");
        java.util.List<String> modules = io.osmigration.platform.fixtures.RealHosts.centos7Modules();
        String output = CENTOS7.replace("bash-4.2.46-35.el7_9.x86_64\nglibc-2.17-326.el7_9.i686\n",
                        String.join("\n", packages) + "\n")
                .replace("floppy 69432 0 - Live 0xffffffffc0335000\n", String.join("\n", modules) + "\n")
                .replace("==osm:end==", "==osm:counts==\npackages=1500\nmodules=" + modules.size() + "\n==osm:end==");

        ServerFacts facts = FactsParser.parse(output, AT);

        assertThat(facts.osId()).isEqualTo("centos");
        assertThat(facts.packages()).hasSize(1500).contains("glibc-2.17-326.el7_9.i686");
        assertThat(facts.modules()).hasSize(89);
    }

    @Test
    void outputMissingPackageLinesTheServerCountedIsRejected() {
        String output = CENTOS7.replace("==osm:end==", "==osm:counts==\npackages=3\nmodules=1\n==osm:end==");

        assertThatThrownBy(() -> FactsParser.parse(output, AT))
                .hasMessage("Incomplete collector output: 2 packages listed, the server counted 3");
    }
}
