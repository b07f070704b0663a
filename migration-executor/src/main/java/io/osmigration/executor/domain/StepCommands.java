package io.osmigration.executor.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs a step's script on an instance through Cloud Assistant and reads how it ended, whatever the size of its
 * result (the platform's one Cloud Assistant client: the output envelope, chunked and checksum-verified read-back,
 * exit 194 as a restart). Every call is safe to repeat: RunCommand carries the step's ClientToken, which also names
 * the result on the instance.
 */
public interface StepCommands {

    /** Starts the script; the same {@code clientToken} again returns the same invocation. Returns the InvokeId. */
    String start(String regionId, String instanceId, String clientToken, String name, String script,
                 Duration timeout, boolean captureResult);

    /** How the invocation ended on the instance, its result read whole; empty while it still runs. */
    Optional<Ended> ended(String regionId, String instanceId, String clientToken, String invokeId, String name,
                          boolean captureResult);

    /** Cloud Assistant's view of the instance's agent; empty when the instance no longer exists. */
    Optional<Agent> agent(String regionId, String instanceId);

    enum Outcome {
        /** Exit code 0. */
        SUCCEEDED,
        /** Exit code 194: reported, and the agent restarts the instance now (ECS shows it as Failed, code 194). */
        RESTARTING,
        /** The script ran to its end with another exit code. */
        FAILED,
        /** It did not run to its end: timed out, never delivered, stopped, or its result is unreadable. */
        NOT_RUN
    }

    /**
     * @param exitCode the script's exit code when it ran to its end, else null
     * @param console  the tail of its console output (where a failing script says why)
     * @param result   its whole result when one was captured and read, else null
     * @param problem  why it did not succeed, in words an operator can act on; null when it succeeded
     * @param endedAt  when Cloud Assistant says it ended on the instance (whole seconds); null when unknown
     */
    record Ended(Outcome outcome, Integer exitCode, String console, String result, String problem, Instant endedAt) {

        public Ended(Outcome outcome, Integer exitCode, String console, String result, String problem) {
            this(outcome, exitCode, console, result, problem, null);
        }
    }

    /** @param lastHeartbeat the agent's last heartbeat as Cloud Assistant reports it; null when unknown */
    record Agent(boolean online, Instant lastHeartbeat) {
    }
}
