package io.osmigration.executor.job;

import java.time.Instant;

/**
 * One step (or the drill) of a job as stored. The ClientToken is written before RunCommand is called and the InvokeId
 * right after, so after a crash the step is found again rather than run again. Mutable: a MongoDB mapping type.
 */
public class StepRecord {

    public static final String PENDING = "PENDING";
    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";

    public String name;
    public String status = PENDING;
    public String clientToken;
    public String invokeId;
    public Instant startedAt;
    public Instant finishedAt;
    /** When the script itself ended; REBOOT then waits for the instance to come back. */
    public Instant commandFinishedAt;
    /** REBOOT: the instance was seen going down after the script ended (so "Running" again means rebooted). */
    public boolean seenDown;
    public Integer exitCode;
    public String output;

    public StepRecord() {
    }

    public StepRecord(String name) {
        this.name = name;
    }

    public boolean isDone() {
        return SUCCEEDED.equals(status) || FAILED.equals(status);
    }
}
