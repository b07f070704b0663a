package io.osmigration.simulator;

import java.time.Instant;

/**
 * The execution of one invocation on one instance. Statuses follow Cloud Assistant: Pending,
 * Running, then Success / Failed (non-zero exit) / Timeout / Aborted (could not be delivered).
 */
final class InvocationRecord {

    final String instanceId;
    final String invokeId;
    final Instant created;
    private String status = "Pending";
    private Integer exitCode;
    private byte[] output = new byte[0];
    private long dropped;
    private String errorCode = "";
    private String errorInfo = "";
    private Instant start;
    private Instant finish;

    InvocationRecord(String instanceId, String invokeId, Instant created) {
        this.instanceId = instanceId;
        this.invokeId = invokeId;
        this.created = created;
    }

    synchronized void started(Instant now) {
        status = "Running";
        start = now;
    }

    synchronized void finished(CommandRunner.Result result, Instant now) {
        exitCode = result.exitCode();
        output = result.output();
        dropped = result.dropped();
        finish = now;
        if (result.timedOut()) {
            status = "Timeout";
            errorCode = "ExecutionTimeout";
            errorInfo = "the command execution has been timeout";
        } else if (result.error() != null) {
            status = "Error";
            errorCode = "ExecutionException";
            errorInfo = "the command execution got an exception: " + result.error();
        } else if (result.exitCode() != 0) {
            status = "Failed";
            errorCode = "ExitCodeNonzero";
            errorInfo = "the command execution exit code is not zero";
        } else {
            status = "Success";
        }
    }

    /** The command never reached the instance (agent offline); ECS reports such records as Aborted. */
    synchronized void aborted(String code, String info, Instant now) {
        status = "Aborted";
        errorCode = code;
        errorInfo = info;
        finish = now;
    }

    synchronized String status() {
        return status;
    }

    /** Running, Finished (ran to completion, any exit code) or Failed (timeout, abort, error). */
    synchronized String recordStatus() {
        return switch (status) {
            case "Pending", "Running" -> "Running";
            case "Success", "Failed" -> "Finished";
            default -> "Failed";
        };
    }

    synchronized Integer exitCode() {
        return exitCode;
    }

    synchronized byte[] output() {
        return output;
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized String errorCode() {
        return errorCode;
    }

    synchronized String errorInfo() {
        return errorInfo;
    }

    synchronized Instant start() {
        return start;
    }

    synchronized Instant finish() {
        return finish;
    }
}
