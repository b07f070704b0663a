package io.osmigration.precheck.rules;

import java.util.Objects;

/**
 * One result of the check: what is wrong, how bad, and what to do about it.
 *
 * @param remediationCommand the exact command that fixes it, null where no single command does
 */
public record Finding(String code, Severity severity, String title, String detail, String remediationHint,
                      String remediationCommand) {

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        detail = detail == null ? "" : detail;
    }

    public boolean isCritical() {
        return severity == Severity.CRITICAL;
    }
}
