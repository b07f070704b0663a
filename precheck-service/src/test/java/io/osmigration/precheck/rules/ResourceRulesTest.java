package io.osmigration.precheck.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.osmigration.platform.facts.ServerFacts;

/** DISK_SPACE, MEMORY, CLOUD_ASSISTANT_OFFLINE, SNAPSHOT_IN_PROGRESS and SERVICE_RESTART. */
class ResourceRulesTest {

    private final Thresholds thresholds = Thresholds.DEFAULT;

    @Test
    void diskSpaceBelowEitherThresholdIsCritical() {
        DiskSpaceRule rule = new DiskSpaceRule(thresholds);
        assertThat(rule.evaluate(Fixtures.subject(Fixtures.withResources(5120L, 100L, 4096L), "alinux3"))).isEmpty();
        assertThat(rule.evaluate(Fixtures.subject(Fixtures.withResources(3000L, 400L, 4096L), "alinux3")))
                .singleElement().satisfies(f -> {
                    assertThat(f.code()).isEqualTo(FindingCodes.DISK_SPACE);
                    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(f.detail()).contains("/ has 3000 MiB free, needs 5120 MiB").doesNotContain("/boot");
                });
        assertThat(rule.evaluate(Fixtures.subject(Fixtures.withResources(20480L, 60L, 4096L), "alinux3")))
                .singleElement().satisfies(f -> assertThat(f.detail()).contains("/boot has 60 MiB free"));
        assertThat(rule.evaluate(Fixtures.subject(Fixtures.withResources(null, 60L, 4096L), "alinux3")))
                .extracting(Finding::severity).containsExactly(Severity.WARNING);
    }

    @Test
    void thresholdsAreConfigurable() {
        DiskSpaceRule strict = new DiskSpaceRule(new Thresholds(30_000, 500, 1024));
        assertThat(strict.evaluate(Fixtures.subject(Fixtures.centos7(), "alinux3"))).hasSize(1);
    }

    @Test
    void memoryBelowTheMinimumIsCritical() {
        MemoryRule rule = new MemoryRule(thresholds);
        assertThat(rule.evaluate(Fixtures.subject(Fixtures.withResources(20480L, 400L, 1024L), "alinux3"))).isEmpty();
        assertThat(rule.evaluate(Fixtures.subject(Fixtures.withResources(20480L, 400L, 512L), "alinux3")))
                .singleElement().satisfies(f -> {
                    assertThat(f.code()).isEqualTo(FindingCodes.MEMORY);
                    assertThat(f.detail()).contains("512 MiB", "1024 MiB");
                });
    }

    @Test
    void offlineAgentIsCriticalAndSaysHowOldTheStoredFactsAre() {
        ServerFacts stored = Fixtures.centos7(); // collected at NOW
        CheckSubject subject = new CheckSubject("s-1", "i-1", "alinux3", stored, false,
                CheckSubject.CloudAssistantState.offline("the agent is not running"), CheckSubject.SnapshotState.NONE,
                Fixtures.NOW.plus(Duration.ofHours(5)));
        assertThat(new CloudAssistantRule().evaluate(subject)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCodes.CLOUD_ASSISTANT_OFFLINE);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.detail()).contains("the agent is not running", "stale", "5 h old");
        });
        assertThat(new CloudAssistantRule().evaluate(Fixtures.subject(stored, "alinux3"))).isEmpty();
    }

    @Test
    void offlineWithoutAnyFactsSaysSo() {
        CheckSubject subject = new CheckSubject("s-1", "i-1", "alinux3", null, false,
                CheckSubject.CloudAssistantState.offline("ClientNotRunning"), CheckSubject.SnapshotState.NONE, Fixtures.NOW);
        assertThat(new CloudAssistantRule().evaluate(subject)).singleElement()
                .satisfies(f -> assertThat(f.detail()).contains("No facts"));
    }

    @Test
    void snapshotInProgressIsCriticalAndAnUnknownStateAWarning() {
        SnapshotInProgressRule rule = new SnapshotInProgressRule();
        CheckSubject busy = new CheckSubject("s-1", "i-1", "alinux3", Fixtures.centos7(), true,
                CheckSubject.CloudAssistantState.ONLINE,
                new CheckSubject.SnapshotState(List.of("s-abc of disk d-1 (40%)"), null), Fixtures.NOW);
        assertThat(rule.evaluate(busy)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCodes.SNAPSHOT_IN_PROGRESS);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.detail()).contains("s-abc");
        });
        CheckSubject unknown = new CheckSubject("s-1", "i-1", "alinux3", Fixtures.centos7(), true,
                CheckSubject.CloudAssistantState.ONLINE, new CheckSubject.SnapshotState(List.of(), "Throttling"),
                Fixtures.NOW);
        assertThat(rule.evaluate(unknown)).extracting(Finding::severity).containsExactly(Severity.WARNING);
        assertThat(rule.evaluate(Fixtures.subject(Fixtures.centos7(), "alinux3"))).isEmpty();
    }

    @Test
    void everyCheckTellsThatServicesRestart() {
        assertThat(new ServiceRestartRule().evaluate(Fixtures.subject(Fixtures.centos7(), "alinux3")))
                .singleElement().satisfies(f -> {
                    assertThat(f.code()).isEqualTo(FindingCodes.SERVICE_RESTART);
                    assertThat(f.severity()).isEqualTo(Severity.INFO);
                });
    }

    @Test
    void ruleBookOnACleanServerPassesWithOnlyTheInfo() {
        RuleBook book = RuleBook.standard(thresholds, new MigrationPathRule(
                        io.osmigration.platform.catalogue.MigrationCatalogue.shipped(), false, false),
                MysqlDowngradeRule.DEFAULT_VERSIONS, RemovedDrivers.load());
        List<Finding> findings = book.evaluate(Fixtures.subject(Fixtures.centos7(), "anolis8"));
        assertThat(findings).extracting(Finding::code).containsExactly(FindingCodes.SERVICE_RESTART);
        List<Finding> bad = book.evaluate(Fixtures.subject(Fixtures.withPackages("glibc-2.17-326.el7_9.i686",
                "gcc-4.8.5-44.el7.x86_64"), "anolis8"));
        assertThat(bad).extracting(Finding::severity).containsExactly(Severity.CRITICAL, Severity.WARNING, Severity.INFO);
    }
}
