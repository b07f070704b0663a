package io.osmigration.precheck.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class MysqlDowngradeRuleTest {

    private final MysqlDowngradeRule rule = new MysqlDowngradeRule(Map.of("alinux3", "8.0.36"));

    private java.util.List<Finding> check(String pkg, String destination) {
        return rule.evaluate(Fixtures.subject(Fixtures.withPackages(pkg), destination));
    }

    @Test
    void newerThanTheDestinationIsCriticalWithBothVersions() {
        assertThat(check("mysql-community-server-8.4.0-1.el7.x86_64", "alinux3")).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCodes.MYSQL_DOWNGRADE);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.detail()).contains("8.4.0", "ships MySQL 8.0.36");
        });
    }

    @Test
    void patchLevelsCompareNumerically() {
        // 8.0.100 > 8.0.36 although "100" < "36" as text
        assertThat(check("mysql-community-server-8.0.100-1.el7.x86_64", "alinux3"))
                .extracting(Finding::severity).containsExactly(Severity.CRITICAL);
        assertThat(check("mysql-community-server-8.0.9-1.el7.x86_64", "alinux3"))
                .extracting(Finding::severity).containsExactly(Severity.INFO);
    }

    @Test
    void equalVersionIsFine() {
        assertThat(check("mysql-community-server-8.0.36-1.el7.x86_64", "alinux3")).isEmpty();
    }

    @Test
    void olderVersionIsUpgradedWithAnInfo() {
        assertThat(check("mysql-community-server-5.7.44-1.el7.x86_64", "alinux3")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.INFO);
                    assertThat(f.detail()).contains("5.7.44");
                });
    }

    @Test
    void destinationWithoutMysqlOrServerWithoutMysqlHasNoFinding() {
        assertThat(check("mysql-community-server-8.4.0-1.el7.x86_64", "alinux2")).isEmpty();
        assertThat(check("mysql-community-client-8.4.0-1.el7.x86_64", "alinux3")).isEmpty();
    }

    @Test
    void defaultTableCoversEl8ClassDestinations() {
        assertThat(MysqlDowngradeRule.DEFAULT_VERSIONS).containsOnlyKeys("alinux3", "anolis8", "rhel8");
    }
}
