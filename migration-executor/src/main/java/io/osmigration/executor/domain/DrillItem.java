package io.osmigration.executor.domain;

import java.util.List;

/**
 * One item of a drill report, with the severity osmigration gives it.
 *
 * @param remediationCommand the tool's own remediation command (Leapp's {@code command} remediation), or null
 * @param targets            what the item names for a known remedy (drivers, packages, answers)
 */
public record DrillItem(String code, String severity, String title, String detail, String remediationHint,
                        String remediationCommand, List<String> targets) {

    public static final String CRITICAL = "CRITICAL";
    public static final String WARNING = "WARNING";
    public static final String INFO = "INFO";

    public DrillItem {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    public DrillItem(String code, String severity, String title, String detail, String remediationHint) {
        this(code, severity, title, detail, remediationHint, null, List.of());
    }

    public boolean isCritical() {
        return CRITICAL.equals(severity);
    }

    /** The same item, no longer blocking: osmigration remedies it before the migration (the batch allowed it). */
    public DrillItem remediatedBeforeMigration() {
        return new DrillItem(code, WARNING, title, detail, "osmigration runs the known remedy before the migration "
                + "(autoRemediate " + code + ")" + (remediationHint == null ? "" : "; " + remediationHint),
                remediationCommand, targets);
    }
}
