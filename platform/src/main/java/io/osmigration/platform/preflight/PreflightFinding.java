package io.osmigration.platform.preflight;

import java.util.List;
import java.util.Objects;

/**
 * One thing a migration tool's own check (Leapp's preupgrade, convert2rhel analyze) reported.
 *
 * @param code    a finding code: ours where we know the check (KERNEL_MODULE_UNSUPPORTED, MEMORY, ...), else the
 *                tool's ({@code LEAPP_<key>}, {@code C2R_<action>})
 * @param hint    the tool's remediation text, null when it gives none
 * @param command the tool's remediation command (Leapp's {@code command} remediation), null when it gives none
 * @param targets what the finding names, for a known remedy: drivers, packages, {@code scope.key=value} answers
 * @param origin  where in the report it came from (actor or action, and key), for people tracing it back
 */
public record PreflightFinding(String code, Severity severity, String title, String detail, String hint,
                               String command, List<String> targets, String origin) {

    public PreflightFinding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        title = title == null ? "" : title;
        detail = detail == null ? "" : detail;
        targets = List.copyOf(targets);
    }

    public boolean critical() {
        return severity == Severity.CRITICAL;
    }
}
