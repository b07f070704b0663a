package io.osmigration.executor.domain;

/** One item of a drill report, with the severity osmigration gives it. */
public record DrillItem(String code, String severity, String title, String detail, String remediationHint) {

    public static final String CRITICAL = "CRITICAL";
    public static final String WARNING = "WARNING";
    public static final String INFO = "INFO";

    /** Leapp's inhibitors stop an upgrade: CRITICAL; its high-severity items WARNING; everything else INFO. */
    public static String severityOf(String leappSeverity, boolean inhibitor) {
        if (inhibitor) {
            return CRITICAL;
        }
        return "high".equalsIgnoreCase(leappSeverity) ? WARNING : INFO;
    }

    public boolean isCritical() {
        return CRITICAL.equals(severity);
    }
}
