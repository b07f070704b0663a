package io.osmigration.precheck.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class KernelModuleRuleTest {

    private final KernelModuleRule rule = new KernelModuleRule(RemovedDrivers.load());

    @Test
    void driverRemovedWholeIsCritical() {
        var findings = rule.evaluate(Fixtures.subject(
                Fixtures.withModules("floppy 69432 0 - Live 0xffffffffc0335000", "ext4 579979 1 - Live 0x0"), "alinux3"));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCodes.KERNEL_MODULE_UNSUPPORTED);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.detail()).contains("floppy").doesNotContain("ext4");
            assertThat(f.remediationCommand()).isEqualTo("modprobe -r floppy");
        });
    }

    @Test
    void procModulesUnderscoreMatchesADashedDriverName() {
        // /proc/modules writes 3w_9xxx for the driver the table calls 3w-9xxx
        var findings = rule.evaluate(Fixtures.subject(Fixtures.withModules("3w_9xxx 45000 2 - Live 0x0"), "rhel8"));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.detail()).contains("3w_9xxx (driver 3w-9xxx)");
        });
    }

    @Test
    void driverDroppedOnlyForSomeDevicesIsAWarningNamingTheDeviceIds() {
        var findings = rule.evaluate(Fixtures.subject(Fixtures.withModules("megaraid_sas 150000 3 - Live 0x0"), "anolis8"));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.detail()).contains("megaraid_sas", "0x1000:0x0060");
            assertThat(f.remediationCommand()).contains("lspci");
        });
    }

    @Test
    void driverTableAppliesOnlyToEl8ClassDestinations() {
        var subject = Fixtures.subject(Fixtures.withModules("floppy 69432 0 - Live 0x0"), "alinux2");
        assertThat(rule.evaluate(subject)).isEmpty();
    }

    @Test
    void outOfTreeOrUnsignedModulesWarnOnEveryDestination() {
        for (String destination : List.of("alinux2", "alinux3")) {
            var findings = rule.evaluate(Fixtures.subject(Fixtures.withModules(
                    "nvidia 35000000 0 - Live 0x0 (POE)", "vendor_fs 1000 0 - Live 0x0 (E)",
                    "proprietary_only 1000 0 - Live 0x0 (P)"), destination));
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.detail()).contains("nvidia (POE)", "vendor_fs (E)").doesNotContain("proprietary_only");
            });
        }
    }

    @Test
    void cleanModulesHaveNoFinding() {
        assertThat(rule.evaluate(Fixtures.subject(Fixtures.centos7(), "alinux3"))).isEmpty();
    }
}
