package io.osmigration.precheck.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.osmigration.precheck.rules.Finding;
import io.osmigration.precheck.rules.Severity;

/**
 * The whole-batch view: findings grouped by code with the instances each concerns. Blockers (CRITICAL) are ranked
 * by how many instances fixing that one problem would unblock, i.e. instances for which it is the only blocker,
 * then by how many it blocks at all, so an operator fixes the most valuable thing first.
 */
public record BatchReport(String batchId, int total, int passed, int failed, int running, List<Group> blockers,
                          List<Group> warnings) {

    /** @param unblocks instances this code is the only blocker of (zero for warnings) */
    public record Group(String code, Severity severity, String title, int instanceCount, int unblocks,
                        List<Instance> instances, String remediationHint, String remediationCommand) {
    }

    public record Instance(String precheckId, String sourceId, String instanceId, String detail) {
    }

    public static BatchReport of(String batchId, List<CheckOutcome> outcomes) {
        int passed = (int) outcomes.stream().filter(o -> "PASSED".equals(o.status())).count();
        int failed = (int) outcomes.stream().filter(o -> "FAILED".equals(o.status())).count();
        int running = outcomes.size() - passed - failed;
        Map<String, List<Instance>> critical = new LinkedHashMap<>();
        Map<String, List<Instance>> warning = new LinkedHashMap<>();
        Map<String, Finding> example = new LinkedHashMap<>();
        Map<String, Integer> soleBlocker = new LinkedHashMap<>();
        for (CheckOutcome outcome : outcomes) {
            Set<String> blockingCodes = new TreeSet<>();
            Set<String> seen = new TreeSet<>();
            for (Finding finding : outcome.findings()) {
                if (finding.severity() == Severity.INFO) {
                    continue;
                }
                String key = finding.code() + "|" + finding.severity();
                if (!seen.add(key)) {
                    continue; // one entry per instance and code, even when a rule found several items
                }
                example.putIfAbsent(key, finding);
                Map<String, List<Instance>> target = finding.isCritical() ? critical : warning;
                target.computeIfAbsent(key, k -> new ArrayList<>()).add(new Instance(outcome.precheckId(),
                        outcome.sourceId(), outcome.instanceId(), finding.detail()));
                if (finding.isCritical()) {
                    blockingCodes.add(key);
                }
            }
            if (blockingCodes.size() == 1) {
                soleBlocker.merge(blockingCodes.iterator().next(), 1, Integer::sum);
            }
        }
        List<Group> blockers = groups(critical, example, soleBlocker);
        blockers.sort(Comparator.comparingInt(Group::unblocks).reversed()
                .thenComparing(Comparator.comparingInt(Group::instanceCount).reversed())
                .thenComparing(Group::code));
        List<Group> warnings = groups(warning, example, Map.of());
        warnings.sort(Comparator.comparingInt(Group::instanceCount).reversed().thenComparing(Group::code));
        return new BatchReport(batchId, outcomes.size(), passed, failed, running, List.copyOf(blockers),
                List.copyOf(warnings));
    }

    private static List<Group> groups(Map<String, List<Instance>> byKey, Map<String, Finding> example,
                                      Map<String, Integer> soleBlocker) {
        List<Group> groups = new ArrayList<>();
        byKey.forEach((key, instances) -> {
            Finding finding = example.get(key);
            groups.add(new Group(finding.code(), finding.severity(), finding.title(), instances.size(),
                    soleBlocker.getOrDefault(key, 0), List.copyOf(instances), finding.remediationHint(),
                    finding.remediationCommand()));
        });
        return groups;
    }
}
