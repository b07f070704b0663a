package io.osmigration.precheck.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EpelModularRuleTest {

    private final EpelModularRule rule = new EpelModularRule();

    @Test
    void epelModularEnabledIsAWarningWithTheDisableCommand() {
        var findings = rule.evaluate(Fixtures.subject(Fixtures.withRepos("baseos", "epel", "epel-modular"), "alinux3"));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCodes.EPEL_MODULAR);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.remediationCommand()).isEqualTo("yum-config-manager --disable epel-modular");
        });
    }

    @Test
    void plainEpelIsFine() {
        assertThat(rule.evaluate(Fixtures.subject(Fixtures.withRepos("base", "epel"), "alinux3"))).isEmpty();
    }
}
