package io.osmigration.executor.domain;

import java.time.Duration;

/**
 * One step a recipe plans for a job: which script, how it is run, how long it may take, and what a job that fails
 * after it started must undo.
 *
 * @param script       resource name under {@code io/osmigration/executor/scripts/}
 * @param timeout      RunCommand's Timeout for the script
 * @param compensation {@link Compensation#ROLL_BACK_DISKS} for steps that change the instance, else NONE
 */
public record StepSpec(String name, String script, StepKind kind, Duration timeout, Compensation compensation) {

    public StepSpec {
        if (compensation != Compensation.NONE && compensation != Compensation.ROLL_BACK_DISKS) {
            throw new IllegalArgumentException("a step undoes nothing or needs the disks rolled back: " + name);
        }
    }
}
