package io.osmigration.platform.cloud.assistant;

import java.nio.charset.StandardCharsets;

/**
 * How a command ended on one instance, with its whole result.
 *
 * @param exitCode    the script's exit code when it ran to its end (0, 1 and 2 mean what the tool means), else null
 * @param consoleTail the last bytes of the script's console output (where a failing script says why)
 * @param result      the whole result ({@link Capture#STDOUT} or {@link Capture#FILE}), checksum-verified; empty
 *                    for {@link Capture#NONE}; null when it could not be read (see {@code problem})
 * @param problem     why the command did not succeed or its result could not be read, in words an operator can act
 *                    on; null when it succeeded
 */
public record CommandOutcome(String invokeId, String instanceId, Kind kind, Integer exitCode, String consoleTail,
                             byte[] result, String problem) {

    public enum Kind {
        /** Exit code 0. */
        SUCCEEDED,
        /** The script ran and exited with another code than 0, 193 or 194. */
        FAILED,
        /** Exit code 194: the agent reported the result and now restarts the instance. */
        RESTART_REQUESTED,
        /** Exit code 193: the agent reported the result and now powers the instance off. */
        POWEROFF_REQUESTED,
        /** The script ran longer than the command's timeout and was stopped. */
        TIMED_OUT,
        /** The command never reached the instance (agent offline, instance not running). */
        NOT_DELIVERED,
        /** Stopped or cancelled before it ended. */
        CANCELLED,
        /** Cloud Assistant could not run it, or its result is unreadable. */
        ERROR,
        /** Still running when the caller stopped waiting. */
        STILL_RUNNING
    }

    /** The script ran to its end: its exit code and result mean what the script says. */
    public boolean ranToEnd() {
        return exitCode != null;
    }

    /** The step this command is succeeded: it exited 0, or 194 (the restart it asked for is part of the step). */
    public boolean succeeded() {
        return (kind == Kind.SUCCEEDED || kind == Kind.RESTART_REQUESTED) && problem == null;
    }

    public String resultText() {
        return result == null ? null : new String(result, StandardCharsets.UTF_8);
    }
}
