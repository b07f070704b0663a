package io.osmigration.notification.domain;

/**
 * Where a job stands after an event, as far as notifications are concerned. {@link #terminal()} outcomes end a job
 * for the batch digest; a failure that still needs its disks rolled back is not terminal until they are.
 */
public enum JobOutcome {
    RUNNING(false, "running"),
    PRECHECK_FAILED(true, "pre-check failed"),
    DRILL_PASSED(false, "drill passed"),
    DRILL_CRITICAL(false, "drill found critical items"),
    AWAITING_APPROVAL(true, "drill done, awaiting approval"),
    COMPLETED(true, "completed"),
    FAILED_ROLLING_BACK(false, "failed, rolling back"),
    FAILED(true, "failed"),
    ROLLED_BACK(true, "rolled back"),
    SNAPSHOTS_RELEASED(false, "snapshots released");

    private final boolean terminal;
    private final String label;

    JobOutcome(boolean terminal, String label) {
        this.terminal = terminal;
        this.label = label;
    }

    public boolean terminal() {
        return terminal;
    }

    public String label() {
        return label;
    }
}
