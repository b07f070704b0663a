package io.osmigration.precheck.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CxxToolchainRuleTest {

    private final CxxToolchainRule rule = new CxxToolchainRule();

    @Test
    void gccOnCentos7ToAlinux3WarnsWithTheNewToolchain() {
        var findings = rule.evaluate(Fixtures.subject(Fixtures.withPackages("gcc-4.8.5-44.el7.x86_64",
                "gcc-c++-4.8.5-44.el7.x86_64"), "alinux3"));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCodes.CXX_TOOLCHAIN);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.detail()).contains("gcc-4.8.5", "gcc-c++-4.8.5", "GCC 10.2", "binutils 2.35", "glibc 2.32",
                    "glibc 2.17");
        });
    }

    @Test
    void binutilsDevelAloneCounts() {
        assertThat(rule.evaluate(Fixtures.subject(Fixtures.withPackages("binutils-devel-2.27-44.el7.x86_64"), "anolis8")))
                .extracting(Finding::code).containsExactly(FindingCodes.CXX_TOOLCHAIN);
    }

    @Test
    void sameGlibcOnTheDestinationNeedsNoRecompile() {
        // CentOS 7 → Anolis OS 7 keeps glibc 2.17
        assertThat(rule.evaluate(Fixtures.subject(Fixtures.withPackages("gcc-4.8.5-44.el7.x86_64"), "anolis7"))).isEmpty();
    }

    @Test
    void locallyBuiltBinariesWithoutAToolchainPackageStillWarnAndAreNamed() {
        var f = Fixtures.centos7();
        var facts = new io.osmigration.platform.facts.ServerFacts(f.osId(), f.osVersionId(), f.osPrettyName(), f.arch(),
                f.kernel(), f.hostname(), f.machineId(), f.packages(), f.modules(), f.repos(), f.rootFreeMiB(),
                f.bootFreeMiB(), f.memoryMiB(), true, Fixtures.NOW, java.util.List.of("/usr/local/bin/billing-daemon",
                "/opt/acme/bin/acme-agent"));

        assertThat(rule.evaluate(Fixtures.subject(facts, "alinux3"))).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCodes.CXX_TOOLCHAIN);
            assertThat(finding.detail()).contains("2 executable(s)", "/usr/local/bin/billing-daemon",
                    "/opt/acme/bin/acme-agent", "glibc 2.32");
        });
    }

    @Test
    void noToolchainNoFinding() {
        assertThat(rule.evaluate(Fixtures.subject(Fixtures.centos7(), "alinux3"))).isEmpty();
    }
}
