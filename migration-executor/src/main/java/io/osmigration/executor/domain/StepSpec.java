package io.osmigration.executor.domain;

import java.time.Duration;

/**
 * One step a recipe plans for a job: its script, how it is run, how long it may take, and what a job that fails
 * after it started must undo.
 *
 * @param script       the script Cloud Assistant runs, rendered with its parameters when the step is planned (stored
 *                     with the job, so a restart or another replica runs exactly what was planned)
 * @param timeout      RunCommand's Timeout for the script
 * @param compensation {@link Compensation#ROLL_BACK_DISKS} for steps that change the instance, else NONE
 * @param result       what the script's result is and who reads it (see {@link StepResultFormat})
 * @param backWithin   for {@link StepKind#RUN_SCRIPT_AND_AWAIT_REBOOT}: how long the instance may take to come back
 *                     (the recipe's deadline, through an offline phase and its own reboots); else zero
 */
public record StepSpec(String name, String script, StepKind kind, Duration timeout, Compensation compensation,
                       StepResultFormat result, Duration backWithin) {

    public StepSpec {
        if (compensation != Compensation.NONE && compensation != Compensation.ROLL_BACK_DISKS) {
            throw new IllegalArgumentException("a step undoes nothing or needs the disks rolled back: " + name);
        }
        result = result == null ? StepResultFormat.NONE : result;
        backWithin = backWithin == null ? Duration.ZERO : backWithin;
    }

    public StepSpec(String name, String script, StepKind kind, Duration timeout, Compensation compensation) {
        this(name, script, kind, timeout, compensation, StepResultFormat.NONE, Duration.ZERO);
    }
}
