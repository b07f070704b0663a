package io.osmigration.executor.domain;

/** What a step's result (the file its script leaves, read back whole) is, and so how the executor reads it. */
public enum StepResultFormat {
    /** No result: the exit code and the console's tail say everything. */
    NONE,
    /** Leapp's report ({@code /var/log/leapp/leapp-report.json}, schema 1.1.0 or 1.2.0). */
    LEAPP_REPORT,
    /** convert2rhel's pre- or post-conversion report. */
    CONVERT2RHEL_REPORT,
    /** The post-checks' lines ({@code OSM_CHECK <name> ok|failed <detail>}, {@code OSM_RESULT os=...}). */
    CHECKS;

    public boolean captured() {
        return this != NONE;
    }

    public boolean isReport() {
        return this == LEAPP_REPORT || this == CONVERT2RHEL_REPORT;
    }
}
