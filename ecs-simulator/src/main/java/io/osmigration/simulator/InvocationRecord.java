package io.osmigration.simulator;

import java.time.Instant;

/**
 * The execution of one invocation on one instance. Statuses follow the DescribeInvocationResults
 * reference: Pending, Running, then Success (exit code 0) / Failed (any other exit code, 193 and 194
 * included: the reference defines Failed as "complete but the exit code is not 0") / Timeout /
 * Aborted (could not be delivered). A command whose guest went down under it is never reported by
 * the dead agent: it stays Running until its Timeout has passed, then shows Timeout.
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

    /** The output the agent has sent while the command runs (basetask.go sendRunningOutput). */
    synchronized void running(byte[] soFar) {
        if ("Running".equals(status)) {
            output = soFar;
        }
    }

    /** Nobody reports a command the guest's reboot killed: once its Timeout passed, ECS shows it timed out. */
    synchronized void unreportedTimeout(Instant now) {
        if ("Running".equals(status)) {
            status = "Timeout";
            errorCode = "ExecutionTimeout";
            errorInfo = "the command execution has been timeout";
            finish = now;
        }
    }

    synchronized void finished(CommandRunner.Result result, Instant now) {
        if (result.interrupted()) {
            return;
        }
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
