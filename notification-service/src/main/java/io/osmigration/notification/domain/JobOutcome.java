package io.osmigration.notification.domain;

/**
 * Where a job stands after an event, as far as notifications are concerned (what a "batch paused" message counts;
 * whether a batch has finished is the executor's to say, with BatchFinished).
 */
public enum JobOutcome {
    RUNNING("running"),
    PRECHECK_FAILED("pre-check failed"),
    DRILL_PASSED("drill passed"),
    DRILL_CRITICAL("drill found critical items"),
    AWAITING_APPROVAL("drill done, awaiting approval"),
    COMPLETED("completed"),
    FAILED_ROLLING_BACK("failed, rolling back"),
    FAILED("failed"),
    ROLLED_BACK("rolled back"),
    SNAPSHOTS_RELEASED("snapshots released");

    private final String label;

    JobOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
