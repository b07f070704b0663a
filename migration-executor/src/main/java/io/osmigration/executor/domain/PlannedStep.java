package io.osmigration.executor.domain;

import java.time.Instant;

/**
 * One step of a job's plan as stored: its deterministic ClientToken (the same step of the same job is always the same
 * ECS invocation, so a crash between RunCommand and recording its InvokeId cannot run the script twice), what it
 * undoes, and how far it got. Immutable.
 *
 * @param commandFinishedAt when the script itself ended; a reboot step then waits for the instance to come back
 * @param seenDown          a reboot step saw the instance go down after its script (so Running again means rebooted)
 */
public record PlannedStep(String name, String script, StepKind kind, long timeoutSeconds, String clientToken,
                          Compensation compensation, StepStatus status, String invokeId, Instant startedAt,
                          Instant finishedAt, Instant commandFinishedAt, boolean seenDown, Integer exitCode,
                          String output) {

    public static PlannedStep of(String jobId, StepSpec spec) {
        return new PlannedStep(spec.name(), spec.script(), spec.kind(), Math.max(1, spec.timeout().toSeconds()),
                Ids.clientToken(jobId, spec.name()), spec.compensation(), StepStatus.PENDING, null, null, null, null,
                false, null, null);
    }

    /** RunCommand accepted the script. */
    public PlannedStep invoked(String newInvokeId, Instant now) {
        return new PlannedStep(name, script, kind, timeoutSeconds, clientToken, compensation, StepStatus.RUNNING,
                newInvokeId, now, null, null, false, null, null);
    }

    /** The script of a reboot step ended; {@code down}: the instance was already seen going down. */
    public PlannedStep commandFinished(Integer code, String excerpt, boolean down, Instant now) {
        return new PlannedStep(name, script, kind, timeoutSeconds, clientToken, compensation, status, invokeId,
                startedAt, null, now, down, code, excerpt);
    }

    public PlannedStep sawInstanceDown() {
        return new PlannedStep(name, script, kind, timeoutSeconds, clientToken, compensation, status, invokeId,
                startedAt, finishedAt, commandFinishedAt, true, exitCode, output);
    }

    public PlannedStep finished(StepStatus outcome, Integer code, String excerpt, Instant now) {
        return new PlannedStep(name, script, kind, timeoutSeconds, clientToken, compensation, outcome, invokeId,
                startedAt == null ? now : startedAt, now, commandFinishedAt, seenDown, code, excerpt);
    }

    public boolean started() {
        return status != StepStatus.PENDING;
    }

    public boolean isDone() {
        return status.isDone();
    }

    public boolean awaitsReboot() {
        return kind == StepKind.RUN_SCRIPT_AND_AWAIT_REBOOT && commandFinishedAt != null && !isDone();
    }

    /** A job that fails after this step started needs its disks rolled back. */
    public boolean changesInstance() {
        return started() && compensation == Compensation.ROLL_BACK_DISKS;
    }
}
