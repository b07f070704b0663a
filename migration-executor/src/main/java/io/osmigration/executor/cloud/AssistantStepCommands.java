package io.osmigration.executor.cloud;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.osmigration.executor.domain.StepCommands;
import io.osmigration.platform.cloud.CloudApiException;
import io.osmigration.platform.cloud.assistant.AgentState;
import io.osmigration.platform.cloud.assistant.Capture;
import io.osmigration.platform.cloud.assistant.CloudAssistantClient;
import io.osmigration.platform.cloud.assistant.CommandOutcome;
import io.osmigration.platform.cloud.assistant.CommandSpec;
import io.osmigration.platform.cloud.assistant.Invocation;
import io.osmigration.platform.cloud.assistant.InvocationResult;

/**
 * {@link StepCommands} on the platform's {@link CloudAssistantClient}: each step runs in the client's output
 * envelope, so a Leapp report of any size is read back whole (in chunks, checksum-verified) even though Cloud
 * Assistant keeps only the last LogQuota bytes of the output.
 */
@Component
class AssistantStepCommands implements StepCommands {

    private final CloudAssistantClient client;
    private final ReadAhead ahead;
    private final Clock clock;

    AssistantStepCommands(CloudAssistantClient client, ReadAhead ahead, Clock clock) {
        this.client = client;
        this.ahead = ahead;
        this.clock = clock;
    }

    @Override
    public String start(String regionId, String instanceId, String clientToken, String name, String script,
                        Duration timeout, boolean captureResult) {
        return client.start(CommandSpec.of(name, regionId, instanceId, script, clientToken, timeout,
                capture(captureResult))).invokeId();
    }

    @Override
    public Optional<Ended> ended(String regionId, String instanceId, String clientToken, String invokeId,
                                 String name, boolean captureResult) {
        Invocation invocation = new Invocation(invokeId, regionId, List.of(instanceId), name,
                CloudAssistantClient.resultKey(clientToken), capture(captureResult), clock.instant());
        // The record the shared reads just handed out as ended, else one read of it: only a result too large for the
        // output is read further (in chunks).
        Optional<InvocationResult> seen = ahead.take(ReadAhead.ended(regionId, invokeId, instanceId));
        InvocationResult result = seen.orElseGet(() ->
                client.poll(List.of(invocation)).getOrDefault(invokeId, Map.of()).get(instanceId));
        if (result == null || !result.finished()) {
            return Optional.empty();
        }
        CommandOutcome outcome = client.outcomes(invocation, List.of(result)).get(instanceId);
        Instant endedAt = result.finishedAt();
        return Optional.ofNullable(outcome).map(o -> ended(o, endedAt));
    }

    /** From the shared reads when they have it (50 agents a call), else read alone. */
    @Override
    public Optional<Agent> agent(String regionId, String instanceId) {
        Optional<Optional<AgentState>> read = ahead.take(ReadAhead.agent(regionId, instanceId));
        if (read.isPresent()) {
            return read.get().map(AssistantStepCommands::agent);
        }
        try {
            return Optional.ofNullable(client.agentStates(regionId, List.of(instanceId)).get(instanceId))
                    .map(AssistantStepCommands::agent);
        } catch (CloudApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Agent agent(AgentState state) {
        return new Agent(state.online(), heartbeat(state.lastHeartbeat()));
    }

    private static Ended ended(CommandOutcome outcome, Instant endedAt) {
        Outcome kind = switch (outcome.kind()) {
            case SUCCEEDED -> Outcome.SUCCEEDED;
            case RESTART_REQUESTED -> Outcome.RESTARTING;
            case FAILED, POWEROFF_REQUESTED -> Outcome.FAILED;
            default -> Outcome.NOT_RUN;
        };
        if (outcome.problem() != null && (kind == Outcome.SUCCEEDED || kind == Outcome.RESTARTING)) {
            kind = Outcome.NOT_RUN; // ran, but its result could not be read
        }
        return new Ended(kind, outcome.exitCode(), outcome.consoleTail(), outcome.resultText(), outcome.problem(),
                endedAt);
    }

    private static Capture capture(boolean captureResult) {
        return captureResult ? Capture.FILE : Capture.NONE;
    }

    private static Instant heartbeat(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
