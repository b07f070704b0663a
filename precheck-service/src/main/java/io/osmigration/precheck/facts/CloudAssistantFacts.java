package io.osmigration.precheck.facts;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.osmigration.platform.cloud.CloudApiException;
import io.osmigration.platform.cloud.assistant.AgentState;
import io.osmigration.platform.cloud.assistant.Capture;
import io.osmigration.platform.cloud.assistant.CloudAssistantClient;
import io.osmigration.platform.cloud.assistant.CloudAssistantClient.InvocationKey;
import io.osmigration.platform.cloud.assistant.CloudAssistantProperties;
import io.osmigration.platform.cloud.assistant.CommandOutcome;
import io.osmigration.platform.cloud.assistant.CommandSpec;
import io.osmigration.platform.cloud.assistant.Invocation;
import io.osmigration.platform.cloud.assistant.InvocationResult;
import io.osmigration.platform.facts.FactsParser;
import io.osmigration.platform.facts.OnInstanceScripts;
import io.osmigration.precheck.PrecheckProperties;

/**
 * Collects fresh facts on instances through the platform's Cloud Assistant client, in steps a poller drives for many
 * checks at once: which agents are offline (one status read for up to 50 instances), the shared collector script
 * started on many instances by one RunCommand, where invocations stand (few reads for many), and the facts of the
 * ones that ended, read back whole however many packages the servers have.
 */
@Service
public class CloudAssistantFacts {

    public static final String COMMAND_NAME = "osm-collect-facts";
    private static final Logger log = LoggerFactory.getLogger(CloudAssistantFacts.class);
    private static final String COLLECTOR = OnInstanceScripts.load(OnInstanceScripts.COLLECT_FACTS);

    private final CloudAssistantClient cloudAssistant;
    private final PrecheckProperties properties;
    private final Clock clock;

    public CloudAssistantFacts(CloudAssistantClient cloudAssistant, PrecheckProperties properties, Clock clock) {
        this.cloudAssistant = cloudAssistant;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Why the agent of each instance cannot run the collector, for the instances whose agent is known to be
     * offline; the others are absent (asking first means an offline agent costs a shared read and no invocation).
     */
    public Map<String, String> offline(String regionId, List<String> instanceIds) {
        Map<String, String> offline = new LinkedHashMap<>();
        Map<String, AgentState> states;
        try {
            states = cloudAssistant.agentStates(regionId, instanceIds);
        } catch (CloudApiException e) {
            if (e.isNotFound() || e.code() != null && e.code().startsWith("InvalidInstance")) {
                if (instanceIds.size() == 1) {
                    offline.put(instanceIds.get(0), e.getMessage());
                    return offline;
                }
                // One unknown instance spoils the whole read: ask for each, so the others still run.
                instanceIds.forEach(id -> offline.putAll(offline(regionId, List.of(id))));
                return offline;
            }
            // The status read is an optimisation: RunCommand itself tells whether the agents answer.
            log.debug("DescribeCloudAssistantStatus failed, trying RunCommand: {}", e.getMessage());
            return offline;
        }
        for (String instanceId : instanceIds) {
            AgentState state = states.get(instanceId);
            if (state == null) {
                offline.put(instanceId, "the instance reports no Cloud Assistant status");
            } else if (!state.online()) {
                offline.put(instanceId, "the agent is not running (last heartbeat " + (state.lastHeartbeat() == null
                        || state.lastHeartbeat().isBlank() ? "unknown" : state.lastHeartbeat()) + ")");
            }
        }
        return offline;
    }

    /**
     * Starts the collector on the instances, one invocation for all of them (at most 100).
     *
     * @param clientToken derived from the checks, so asking again (a redelivered request, a replica taking over)
     *                    finds the same invocation instead of starting a second one
     * @throws CloudApiException when ECS refuses the command as a whole
     */
    public Invocation start(String regionId, List<String> instanceIds, String clientToken) {
        return cloudAssistant.start(new CommandSpec(COMMAND_NAME, regionId, instanceIds, COLLECTOR, clientToken,
                commandTimeout(), Capture.STDOUT));
    }

    /** Where these invocation records of one region stand, in as few calls as the client can. */
    public Map<InvocationKey, InvocationResult> results(String regionId, Collection<InvocationKey> keys) {
        return cloudAssistant.results(regionId, keys);
    }

    /**
     * The facts of the instances of one invocation whose collector ended, read back whole (chunks of large results
     * are read for all of them at once); blocks while chunks are read.
     */
    public Map<String, FreshFacts> facts(Invocation invocation, Collection<InvocationResult> finished) {
        Map<String, FreshFacts> facts = new LinkedHashMap<>();
        Map<String, CommandOutcome> outcomes;
        try {
            outcomes = cloudAssistant.outcomes(invocation, finished);
        } catch (CloudApiException e) {
            log.info("Reading the facts of invocation {} failed: {}", invocation.invokeId(), e.getMessage());
            finished.forEach(result -> facts.put(result.instanceId(), FreshFacts.failed(e.getMessage())));
            return facts;
        }
        outcomes.forEach((instanceId, outcome) -> facts.put(instanceId, facts(outcome)));
        return facts;
    }

    /** How invocations are followed ({@code osm.cloud-assistant.poll-*}). */
    public CloudAssistantProperties polling() {
        return cloudAssistant.properties();
    }

    /** Why there are no fresh facts when the collector is still running at {@code osm.precheck.facts-timeout}. */
    public FreshFacts notFinished(Invocation invocation) {
        return FreshFacts.failed("the fact collector did not deliver: " + invocation.name() + " did not finish within "
                + properties.factsTimeout() + " (invocation " + invocation.invokeId() + ")");
    }

    private FreshFacts facts(CommandOutcome outcome) {
        if (!outcome.succeeded()) {
            return FreshFacts.failed("the fact collector did not deliver: " + outcome.problem());
        }
        try {
            return FreshFacts.of(FactsParser.parse(outcome.resultText(), clock.instant()));
        } catch (IllegalArgumentException e) {
            return FreshFacts.failed("the fact collector's output was unreadable: " + e.getMessage());
        }
    }

    /** How long the collector may run on the instance: the facts timeout, at least RunCommand's 10 s minimum. */
    private Duration commandTimeout() {
        return properties.factsTimeout().compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10)
                : properties.factsTimeout();
    }
}
