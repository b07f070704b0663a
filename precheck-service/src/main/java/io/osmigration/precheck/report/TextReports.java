package io.osmigration.precheck.report;

import java.util.List;

import io.osmigration.precheck.rules.Finding;

/** Plain-text reports for people reading a terminal or an e-mail. */
public final class TextReports {

    private TextReports() {
    }

    public static String single(CheckOutcome outcome, String sourceOs, String arch, String factsNote) {
        StringBuilder out = new StringBuilder();
        out.append("Pre-check ").append(outcome.precheckId()).append(": ").append(outcome.status()).append('\n');
        out.append("Source:      ").append(outcome.sourceId())
                .append(outcome.instanceId() == null ? "" : " (" + outcome.instanceId() + ")").append('\n');
        if (sourceOs != null) {
            out.append("System:      ").append(sourceOs).append(arch == null ? "" : " " + arch).append('\n');
        }
        out.append("Destination: ").append(outcome.destinationOs()).append('\n');
        if (factsNote != null) {
            out.append("Facts:       ").append(factsNote).append('\n');
        }
        List<Finding> findings = outcome.findings();
        long critical = findings.stream().filter(Finding::isCritical).count();
        out.append('\n').append(findings.size()).append(" finding(s), ").append(critical).append(" blocking.\n");
        int n = 1;
        for (Finding finding : findings) {
            out.append('\n').append(n++).append(". [").append(finding.severity()).append("] ").append(finding.code())
                    .append(" — ").append(finding.title()).append('\n');
            if (!finding.detail().isBlank()) {
                out.append("   ").append(finding.detail()).append('\n');
            }
            if (finding.remediationHint() != null) {
                out.append("   Fix: ").append(finding.remediationHint()).append('\n');
            }
            if (finding.remediationCommand() != null) {
                out.append("   Run: ").append(finding.remediationCommand()).append('\n');
            }
        }
        return out.toString();
    }

    public static String batch(BatchReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Batch ").append(report.batchId()).append(": ").append(report.total()).append(" check(s), ")
                .append(report.passed()).append(" passed, ").append(report.failed()).append(" failed, ")
                .append(report.running()).append(" running\n");
        if (!report.blockers().isEmpty()) {
            out.append("\nBlockers, most valuable fix first:\n");
            int n = 1;
            for (BatchReport.Group group : report.blockers()) {
                out.append('\n').append(n++).append(". ").append(group.code()).append(" — ").append(group.title())
                        .append("\n   blocks ").append(group.instanceCount()).append(" instance(s); fixing it unblocks ")
                        .append(group.unblocks()).append('\n');
                appendGroup(out, group);
            }
        }
        if (!report.warnings().isEmpty()) {
            out.append("\nWarnings:\n");
            for (BatchReport.Group group : report.warnings()) {
                out.append("\n- ").append(group.code()).append(" — ").append(group.title()).append(" (")
                        .append(group.instanceCount()).append(" instance(s))\n");
                appendGroup(out, group);
            }
        }
        return out.toString();
    }

    private static void appendGroup(StringBuilder out, BatchReport.Group group) {
        for (BatchReport.Instance instance : group.instances()) {
            out.append("   * ").append(instance.instanceId() == null ? instance.sourceId() : instance.instanceId())
                    .append(": ").append(instance.detail()).append('\n');
        }
        if (group.remediationHint() != null) {
            out.append("   Fix: ").append(group.remediationHint()).append('\n');
        }
    }
}
