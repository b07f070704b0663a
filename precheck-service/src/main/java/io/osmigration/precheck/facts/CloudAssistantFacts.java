package io.osmigration.precheck.facts;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.osmigration.platform.cloud.CloudApiException;
import io.osmigration.platform.cloud.assistant.AgentState;
import io.osmigration.platform.cloud.assistant.Capture;
import io.osmigration.platform.cloud.assistant.CloudAssistantClient;
import io.osmigration.platform.cloud.assistant.CommandOutcome;
import io.osmigration.platform.cloud.assistant.CommandSpec;
import io.osmigration.platform.facts.FactsParser;
import io.osmigration.platform.facts.OnInstanceScripts;
import io.osmigration.precheck.PrecheckProperties;

/**
 * Collects fresh facts on the instance: the shared collector script through the platform's Cloud Assistant client,
 * which reads its output back whole however many packages the server has, waiting at most
 * {@code osm.precheck.facts-timeout}.
 */
@Service
public class CloudAssistantFacts {

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
     * @param clientToken derived from the job (or the stand-alone check), so a redelivered request finds the same
     *                    invocation instead of starting a second one
     */
    public FreshFacts collect(String instanceId, String regionId, String clientToken) {
        if (instanceId == null || instanceId.isBlank()) {
            return FreshFacts.failed("the source has no ECS instance id");
        }
        try {
            String offline = agentOffline(instanceId, regionId);
            if (offline != null) {
                return FreshFacts.failed(offline);
            }
            Duration timeout = properties.factsTimeout().compareTo(Duration.ofSeconds(10)) < 0
                    ? Duration.ofSeconds(10) : properties.factsTimeout();
            CommandOutcome outcome = cloudAssistant.run(CommandSpec.of("osm-collect-facts", regionId, instanceId,
                    COLLECTOR, clientToken, timeout, Capture.STDOUT), properties.factsTimeout()).get(instanceId);
            if (!outcome.succeeded()) {
                return FreshFacts.failed("the fact collector did not deliver: " + outcome.problem());
            }
            return FreshFacts.of(FactsParser.parse(outcome.resultText(), clock.instant()));
        } catch (CloudApiException e) {
            log.info("Collecting facts on {} failed: {}", instanceId, e.getMessage());
            return FreshFacts.failed(e.getMessage());
        } catch (IllegalArgumentException e) {
            return FreshFacts.failed("the fact collector's output was unreadable: " + e.getMessage());
        }
    }

    /** Asks first, so an instance whose agent is known offline costs one cheap call and no invocation. */
    private String agentOffline(String instanceId, String regionId) {
        try {
            Map<String, AgentState> states = cloudAssistant.agentStates(regionId, List.of(instanceId));
            AgentState state = states.get(instanceId);
            if (state == null) {
                return "the instance reports no Cloud Assistant status";
            }
            return state.online() ? null : "the agent is not running (last heartbeat "
                    + (state.lastHeartbeat() == null || state.lastHeartbeat().isBlank() ? "unknown" : state.lastHeartbeat())
                    + ")";
        } catch (CloudApiException e) {
            if (e.isNotFound() || e.code() != null && e.code().startsWith("InvalidInstance")) {
                return e.getMessage();
            }
            // The status call is an optimisation: RunCommand itself tells whether the agent answers.
            log.debug("DescribeCloudAssistantStatus failed, trying RunCommand: {}", e.getMessage());
            return null;
        }
    }
}
