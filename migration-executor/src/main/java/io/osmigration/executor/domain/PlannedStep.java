package io.osmigration.executor.domain;

import java.time.Instant;

/**
 * One step of a job's plan as stored: its script, its deterministic ClientToken (the same step of the same job is
 * always the same ECS invocation, so a crash between RunCommand and recording its InvokeId cannot run the script
 * twice), what it undoes, and how far it got. Immutable.
 *
 * @param result            what the script's result is (a report, the post-checks) and so how it is read
 * @param backWithinSeconds a reboot step: how long the instance may take to come back after its script
 * @param commandFinishedAt when the script itself ended; a reboot step then waits for the instance to come back
 * @param seenDown          a reboot step saw the instance's agent offline after its script
 */
public record PlannedStep(String name, String script, StepKind kind, long timeoutSeconds, String clientToken,
                          Compensation compensation, StepResultFormat result, long backWithinSeconds,
                          StepStatus status, String invokeId, Instant startedAt, Instant finishedAt,
                          Instant commandFinishedAt, boolean seenDown, Integer exitCode, String output) {

    public PlannedStep {
        result = result == null ? StepResultFormat.NONE : result;
    }

    public static PlannedStep of(String jobId, StepSpec spec) {
        return new PlannedStep(spec.name(), spec.script(), spec.kind(), Math.max(1, spec.timeout().toSeconds()),
                Ids.clientToken(jobId, spec.name()), spec.compensation(), spec.result(),
                spec.backWithin().toSeconds(), StepStatus.PENDING, null, null, null, null, false, null, null);
    }

    /** RunCommand accepted the script (or is about to be called: {@code newInvokeId} null). */
    public PlannedStep invoked(String newInvokeId, Instant now) {
        return new PlannedStep(name, script, kind, timeoutSeconds, clientToken, compensation, result,
                backWithinSeconds, StepStatus.RUNNING, newInvokeId, startedAt == null ? now : startedAt, null, null,
                false, null, null);
    }

    /** The script of a reboot step ended (exit 194); the instance restarts now. */
    public PlannedStep commandFinished(Integer code, String excerpt, Instant now) {
        return new PlannedStep(name, script, kind, timeoutSeconds, clientToken, compensation, result,
                backWithinSeconds, status, invokeId, startedAt, null, now, false, code, excerpt);
    }

    public PlannedStep sawInstanceDown() {
        return new PlannedStep(name, script, kind, timeoutSeconds, clientToken, compensation, result,
                backWithinSeconds, status, invokeId, startedAt, finishedAt, commandFinishedAt, true, exitCode, output);
    }

    public PlannedStep finished(StepStatus outcome, Integer code, String excerpt, Instant now) {
        return new PlannedStep(name, script, kind, timeoutSeconds, clientToken, compensation, result,
                backWithinSeconds, outcome, invokeId, startedAt == null ? now : startedAt, now, commandFinishedAt,
                seenDown, code, excerpt);
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
