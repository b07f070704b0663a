package io.osmigration.platform.cloud.assistant;

import java.time.Instant;
import java.util.Set;

/**
 * What DescribeInvocationResults says about one instance of an invocation, as ECS says it.
 *
 * @param status    ECS's InvocationStatus (Pending, Running, Success, Failed, Timeout, Aborted, ...)
 * @param exitCode  null until the script has ended
 * @param output    the output Cloud Assistant kept, decoded from Base64 (bytes: the envelope is read byte-exact)
 * @param dropped   bytes Cloud Assistant dropped from the output
 * @param finishedAt when the command ended there (ECS's FinishedTime, whole seconds); null while it runs or unknown
 */
public record InvocationResult(String invokeId, String instanceId, String status, Integer exitCode, byte[] output,
                               long dropped, String errorCode, String errorInfo, Instant finishedAt) {

    public InvocationResult(String invokeId, String instanceId, String status, Integer exitCode, byte[] output,
                            long dropped, String errorCode, String errorInfo) {
        this(invokeId, instanceId, status, exitCode, output, dropped, errorCode, errorInfo, null);
    }

    private static final Set<String> FINAL = Set.of("Success", "Failed", "Error", "Timeout", "Cancelled",
            "Terminated", "Invalid", "Aborted", "Stopped");

    public InvocationResult {
        output = output == null ? new byte[0] : output;
        errorCode = errorCode == null ? "" : errorCode;
        errorInfo = errorInfo == null ? "" : errorInfo;
    }

    public boolean finished() {
        return FINAL.contains(status);
    }

    /** The script ran to its end (any exit code), as opposed to never starting, timing out or being stopped. */
    boolean ranToEnd() {
        if (exitCode == null) {
            return false;
        }
        return "Success".equals(status)
                || "Failed".equals(status) && (errorCode.isBlank() || "ExitCodeNonzero".equals(errorCode));
    }
}
