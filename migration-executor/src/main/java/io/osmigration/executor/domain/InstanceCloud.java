package io.osmigration.executor.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the executor needs from the cloud to work on an instance: run a script through Cloud Assistant, follow it, and
 * look at the instance. Every call is safe to repeat (RunCommand carries the step's ClientToken). Failures are the
 * cloud adapter's exceptions (transient or permanent); the workflow decides what they mean for the job.
 */
public interface InstanceCloud {

    /** Starts the script; the same {@code clientToken} again returns the same invocation. Returns the InvokeId. */
    String runScript(String regionId, String instanceId, String clientToken, String name, String script,
                     Duration timeout);

    /** Where the invocation stands on the instance; empty while ECS has no result for it yet. */
    Optional<Invocation> invocation(String regionId, String instanceId, String invokeId);

    /** The instance's status and OS name; empty when it no longer exists. */
    Optional<InstanceStatus> describe(String regionId, String instanceId);

    boolean cloudAssistantOnline(String regionId, String instanceId);

    /** One invocation's result on one instance. */
    record Invocation(String status, Integer exitCode, String output, String errorInfo) {
        private static final List<String> FINAL = List.of("Success", "Failed", "Timeout", "Error", "Stopped",
                "Cancelled", "Invalid", "Aborted", "Terminated");

        public boolean finished() {
            return FINAL.contains(status);
        }

        public boolean succeeded() {
            return "Success".equals(status);
        }
    }

    /** What DescribeInstances says about the instance. */
    record InstanceStatus(String status, String osName) {
        public boolean running() {
            return "Running".equals(status);
        }
    }
}
