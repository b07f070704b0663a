package io.osmigration.executor.domain;

/** How the executor runs a step of a job's plan. */
public enum StepKind {
    /** RunCommand the script, then follow it with DescribeInvocationResults until it ends. */
    RUN_SCRIPT,
    /**
     * As {@link #RUN_SCRIPT}, then wait until the instance went down and is Running with Cloud Assistant online again
     * (the script asked for a reboot).
     */
    RUN_SCRIPT_AND_AWAIT_REBOOT
}
