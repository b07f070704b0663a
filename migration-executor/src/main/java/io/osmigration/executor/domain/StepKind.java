package io.osmigration.executor.domain;

/** How the executor runs a step of a job's plan. */
public enum StepKind {
    /** RunCommand the script, then follow it with DescribeInvocationResults until it ends. */
    RUN_SCRIPT,
    /**
     * As {@link #RUN_SCRIPT} for a script that ends with {@code exit 194} (Cloud Assistant reports it, then restarts
     * the instance), then wait until the instance is back with its agent online: through the recipe's offline phase
     * and its own further reboots, at most the step's {@code backWithin}.
     */
    RUN_SCRIPT_AND_AWAIT_REBOOT
}
