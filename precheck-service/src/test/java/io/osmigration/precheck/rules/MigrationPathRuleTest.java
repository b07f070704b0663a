package io.osmigration.precheck.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.osmigration.platform.catalogue.MigrationCatalogue;

class MigrationPathRuleTest {

    private final MigrationPathRule rule = new MigrationPathRule(MigrationCatalogue.shipped(), false, false);
    private final MigrationPathRule allowListed = new MigrationPathRule(MigrationCatalogue.shipped(), true, false);
    private final MigrationPathRule experimentalOn = new MigrationPathRule(MigrationCatalogue.shipped(), false, true);

    @ParameterizedTest(name = "{0} {1} {2} → {3}: {4}")
    @CsvSource({
            // arch, os, version, destination, expected code (NONE = supported; EXPERIMENTAL = in SMC's matrix but
            // the tool is not confirmed, see migration-catalogue.yaml)
            "x86_64, centos, 7, alinux2, MIGRATION_PATH_EXPERIMENTAL",
            "x86_64, centos, 7, alinux3, MIGRATION_PATH_EXPERIMENTAL",
            "x86_64, centos, 7, anolis7, NONE",
            "x86_64, centos, 7, anolis8, NONE",
            "x86_64, centos, 7, rhel7, DESTINATION_UNSUPPORTED",
            "x86_64, centos, 7, rhel8, DESTINATION_UNSUPPORTED",
            "x86_64, centos, 8, alinux3, MIGRATION_PATH_EXPERIMENTAL",
            "x86_64, centos, 8, anolis8, NONE",
            "x86_64, centos, 8, alinux2, DESTINATION_UNSUPPORTED",
            "x86_64, centos, 8, anolis7, DESTINATION_UNSUPPORTED",
            "aarch64, centos, 7, alinux3, MIGRATION_PATH_EXPERIMENTAL",
            "aarch64, centos, 7, anolis7, NONE",
            "aarch64, centos, 7, alinux2, DESTINATION_UNSUPPORTED",
            "arm64, centos, 8, anolis8, NONE",
            "x86_64, rhel, 7.9, alinux3, MIGRATION_PATH_EXPERIMENTAL",
            "x86_64, rhel, 7.6, alinux3, SOURCE_OS_UNSUPPORTED",
            "x86_64, rhel, 8.6, alinux3, MIGRATION_PATH_EXPERIMENTAL",
            "x86_64, rhel, 8.6, anolis8, DESTINATION_UNSUPPORTED",
            "aarch64, rhel, 8.6, alinux3, SOURCE_OS_UNSUPPORTED",
            "x86_64, alinux, 2.1903, alinux3, MIGRATION_PATH_EXPERIMENTAL",
            "aarch64, alinux, 2.1903, alinux3, SOURCE_OS_UNSUPPORTED",
            "x86_64, alinux, 3, alinux3, SOURCE_OS_UNSUPPORTED",
            "x86_64, ubuntu, 22.04, alinux3, SOURCE_OS_UNSUPPORTED",
            "x86_64, centos, 6, alinux2, SOURCE_OS_UNSUPPORTED"})
    void matrix(String arch, String os, String version, String destination, String expected) {
        List<Finding> findings = rule.evaluate(Fixtures.subject(Fixtures.os(os, version, arch), destination));
        if (expected.equals("NONE")) {
            assertThat(findings).isEmpty();
        } else {
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.code()).isEqualTo(expected);
                assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                assertThat(f.remediationHint()).isNotBlank();
            });
        }
    }

    @Test
    void centosToRhelOnlyWhenTheAllowListSwitchIsOn() {
        CheckSubject centos7ToRhel7 = Fixtures.subject(Fixtures.os("centos", "7", "x86_64"), "rhel7");
        assertThat(rule.evaluate(centos7ToRhel7)).singleElement()
                .satisfies(f -> assertThat(f.detail()).contains("osm.precheck.rhel-conversion-allowed"));
        assertThat(allowListed.evaluate(centos7ToRhel7)).isEmpty();
        assertThat(allowListed.evaluate(Fixtures.subject(Fixtures.os("centos", "8", "x86_64"), "rhel8"))).isEmpty();
        // ARM64 has no RHEL rows, switch or not
        assertThat(allowListed.evaluate(Fixtures.subject(Fixtures.os("centos", "7", "aarch64"), "rhel7")))
                .extracting(Finding::code).containsExactly(FindingCodes.DESTINATION_UNSUPPORTED);
    }

    @Test
    void anOlderVersionOfASupportedSourceIsToldWhichVersionToReach() {
        Finding rhel76 = rule.evaluate(Fixtures.subject(Fixtures.os("rhel", "7.6", "x86_64"), "alinux3")).get(0);
        assertThat(rhel76.remediationHint()).contains("rhel 7.9");
        assertThat(rhel76.remediationCommand()).isEqualTo("yum update -y && reboot");
        Finding ubuntu = rule.evaluate(Fixtures.subject(Fixtures.os("ubuntu", "22.04", "x86_64"), "alinux3")).get(0);
        assertThat(ubuntu.remediationHint()).contains("Replace the system disk");
        assertThat(ubuntu.remediationCommand()).isNull();
    }

    @Test
    void destinationFindingNamesThePossibleDestinations() {
        Finding finding = rule.evaluate(Fixtures.subject(Fixtures.os("centos", "8", "x86_64"), "alinux2")).get(0);
        assertThat(finding.detail()).contains("Possible destinations: anolis8.");
        Finding withExperimental = experimentalOn.evaluate(Fixtures.subject(Fixtures.os("centos", "8", "x86_64"), "alinux2")).get(0);
        assertThat(withExperimental.detail()).contains("Possible destinations: alinux3, anolis8.");
    }

    @Test
    void anExperimentalPathIsRefusedWithItsReasonUnlessEnabledThenItWarns() {
        CheckSubject centos7ToAlinux3 = Fixtures.subject(Fixtures.os("centos", "7", "x86_64"), "alinux3");

        assertThat(rule.evaluate(centos7ToAlinux3)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCodes.MIGRATION_PATH_EXPERIMENTAL);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.detail()).contains("Alibaba Cloud Linux 3", "no public source documents how to install it");
            assertThat(f.remediationHint()).contains("osm.migration.experimental-paths=true");
        });
        assertThat(experimentalOn.evaluate(centos7ToAlinux3)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCodes.MIGRATION_PATH_EXPERIMENTAL);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
        });
        assertThat(rule.evaluate(Fixtures.subject(Fixtures.os("centos", "7", "x86_64"), "anolis8"))).isEmpty();
    }

    @Test
    void noFactsNoFinding() {
        CheckSubject subject = Fixtures.subject(null, "alinux3");
        assertThat(rule.evaluate(subject)).isEmpty();
    }
}
