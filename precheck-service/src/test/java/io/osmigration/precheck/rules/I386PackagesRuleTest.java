package io.osmigration.precheck.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class I386PackagesRuleTest {

    private final I386PackagesRule rule = new I386PackagesRule();

    @Test
    void cleanServerHasNoFinding() {
        assertThat(rule.evaluate(Fixtures.subject(Fixtures.centos7(), "alinux3"))).isEmpty();
    }

    @Test
    void i686BesideX8664IsListedAsMultilibWithTheRemoveCommand() {
        var findings = rule.evaluate(Fixtures.subject(Fixtures.withPackages("glibc-2.17-326.el7_9.i686",
                "nss-softokn-freebl-3.67.0-3.el7_9.i686"), "alinux3"));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCodes.I386_PACKAGES);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.detail()).contains("glibc.i686", "nss-softokn-freebl.i686")
                    .contains("64-bit build of glibc.i686 is installed too")
                    .contains("No 64-bit build is installed for nss-softokn-freebl.i686");
            assertThat(f.remediationCommand()).isEqualTo("yum remove -y glibc.i686 nss-softokn-freebl.i686");
        });
    }

    @Test
    void i386ArchIsCaughtToo() {
        var findings = rule.evaluate(Fixtures.subject(Fixtures.withPackages("libgcc-4.8.5-44.el7.i386"), "alinux2"));
        assertThat(findings).extracting(Finding::remediationCommand).containsExactly("yum remove -y libgcc.i386");
    }

    @Test
    void noarchAndX8664AreNotThirtyTwoBit() {
        assertThat(rule.evaluate(Fixtures.subject(Fixtures.withPackages("yum-3.4.3-168.el7.centos.noarch",
                "i686-tools-1.0-1.el7.x86_64"), "alinux3"))).isEmpty();
    }
}
