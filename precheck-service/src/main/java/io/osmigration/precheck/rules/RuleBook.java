package io.osmigration.precheck.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** All rules, in the order their findings are reported (most severe first within that order). */
public final class RuleBook {

    private final List<Rule> rules;

    public RuleBook(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static RuleBook standard(Thresholds thresholds, MigrationPathRule migrationPaths,
                                    Map<String, String> mysqlVersions, RemovedDrivers removedDrivers) {
        return new RuleBook(List.of(
                new CloudAssistantRule(),
                migrationPaths,
                new I386PackagesRule(),
                new KernelModuleRule(removedDrivers),
                new MysqlDowngradeRule(mysqlVersions),
                new DiskSpaceRule(thresholds),
                new MemoryRule(thresholds),
                new SnapshotInProgressRule(),
                new EpelModularRule(),
                new CxxToolchainRule(),
                new ServiceRestartRule()));
    }

    public List<Finding> evaluate(CheckSubject subject) {
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : rules) {
            findings.addAll(rule.evaluate(subject));
        }
        findings.sort(Comparator.comparing(Finding::severity));
        return findings;
    }
}
