package io.osmigration.platform.cloud.assistant;

import java.time.Instant;
import java.util.List;

/**
 * A started command: what to poll and where its result lies. Plain values, so a caller can store it (with its job)
 * and carry on after a restart: {@link CloudAssistantClient#poll} and {@link CloudAssistantClient#outcomes} need
 * nothing else.
 *
 * @param resultKey names the result files on each instance ({@code /var/lib/osmigration/results/<key>.*})
 */
public record Invocation(String invokeId, String regionId, List<String> instanceIds, String name, String resultKey,
                         Capture capture, Instant startedAt) {

    public Invocation {
        instanceIds = List.copyOf(instanceIds);
    }
}
