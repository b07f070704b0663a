package io.osmigration.platform.preflight;

import java.util.List;

/**
 * What a tool's check found, read from its report and judged together with its exit code. Nothing the tool marks
 * as blocking (an inhibitor, an actor error, a failed check) is ever below CRITICAL, and a tool that failed without
 * saying why in its report still gets a CRITICAL finding that says so.
 *
 * @param tool     {@code leapp} or {@code convert2rhel}
 * @param schema   the report's format as read ({@code leapp 1.2.0 (groups)}, {@code convert2rhel 1.1}, ...)
 * @param exitCode the tool's exit code, null when not known
 */
public record PreflightReport(String tool, String schema, Integer exitCode, List<PreflightFinding> findings) {

    public PreflightReport {
        findings = List.copyOf(findings);
    }

    public boolean blocked() {
        return findings.stream().anyMatch(PreflightFinding::critical);
    }

    public List<PreflightFinding> critical() {
        return findings.stream().filter(PreflightFinding::critical).toList();
    }
}
