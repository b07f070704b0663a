package io.osmigration.executor.domain;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the executor reads from the cloud about an instance: where an invocation stands and the instance's status,
 * answered from the replica's shared reads where it can ({@link #prefetch}). Steps are run and their results read
 * through {@link StepCommands}. Failures are the cloud adapter's exceptions (transient or permanent); the workflow
 * decides what they mean for the job.
 */
public interface InstanceCloud {

    /** Where the invocation stands on the instance; empty while ECS has no result for it yet. */
    Optional<Invocation> invocation(String regionId, String instanceId, String invokeId);

    /** The instance's status and OS name; empty when it no longer exists. */
    Optional<InstanceStatus> describe(String regionId, String instanceId);

    /**
     * Says what the caller is about to ask about many jobs, so an implementation can read it for all of them in a
     * few calls and answer each of the questions that follow once from what it read (the answers are no older than
     * this call). {@code waiting} are jobs not due yet that wait for an invocation: returns the ids of those whose
     * invocation was seen finished, so they can be looked at early. The default reads nothing ahead.
     */
    default Set<String> prefetch(Collection<Lookup> due, Collection<Lookup> waiting) {
        return Set.of();
    }

    /**
     * What a job's next move will ask: the instance's status, whether its Cloud Assistant is online, and where an
     * invocation stands on it ({@code invokeId} null: nothing to ask).
     */
    record Lookup(String jobId, String regionId, String instanceId, boolean status, boolean cloudAssistant,
                  String invokeId) {

        public boolean asksAnything() {
            return status || cloudAssistant || invokeId != null;
        }
    }

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
