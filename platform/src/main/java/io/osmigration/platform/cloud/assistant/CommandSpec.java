package io.osmigration.platform.cloud.assistant;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One script to run on one or more instances of a region.
 *
 * @param name        the invocation's name in ECS (what an operator sees in the console)
 * @param script      POSIX sh; it may end with {@code exit 194} to have the agent restart the instance afterwards
 * @param clientToken RunCommand's idempotency token (at most 64 ASCII characters): the same token never runs the
 *                    script twice, so derive it from what the command is for (a job and a step). It also names the
 *                    result on the instance. Null makes the client draw a random one
 * @param timeout     how long the script may run on the instance before Cloud Assistant stops it
 * @param capture     what the result is (see {@link Capture})
 */
public record CommandSpec(String name, String regionId, List<String> instanceIds, String script, String clientToken,
                          Duration timeout, Capture capture) {

    public CommandSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(regionId, "regionId");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(capture, "capture");
        instanceIds = List.copyOf(instanceIds);
        if (instanceIds.isEmpty() || instanceIds.size() > 100) {
            throw new IllegalArgumentException("RunCommand takes 1 to 100 instances, got " + instanceIds.size());
        }
        if (clientToken != null && (clientToken.isEmpty() || clientToken.length() > 64
                || !clientToken.chars().allMatch(c -> c > 32 && c < 127))) {
            throw new IllegalArgumentException("A ClientToken is 1 to 64 printable ASCII characters: " + clientToken);
        }
        if (timeout.toSeconds() < 10 || timeout.toSeconds() > 86_400) {
            throw new IllegalArgumentException("RunCommand's Timeout is 10 s to 24 h, got " + timeout);
        }
    }

    public static CommandSpec of(String name, String regionId, String instanceId, String script, String clientToken,
                                 Duration timeout, Capture capture) {
        return new CommandSpec(name, regionId, List.of(instanceId), script, clientToken, timeout, capture);
    }
}
