package io.osmigration.registry.ecs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.osmigration.platform.cloud.CloudApiException;
import io.osmigration.platform.cloud.assistant.Capture;
import io.osmigration.platform.cloud.assistant.CloudAssistantClient;
import io.osmigration.platform.cloud.assistant.CommandOutcome;
import io.osmigration.platform.cloud.assistant.CommandSpec;
import io.osmigration.platform.cloud.assistant.Invocation;
import io.osmigration.platform.facts.FactsParser;
import io.osmigration.platform.facts.OnInstanceScripts;
import io.osmigration.registry.RegistryProperties;
import io.osmigration.registry.ecs.domain.CollectionOutcome;

/**
 * Runs the shared collector script through the platform's Cloud Assistant client (one invocation per batch of
 * instances) and reads each instance's facts back whole, however large, waiting at most
 * {@code osm.registry.facts-timeout} for all of them.
 */
@Component
class FactsCollector {

    private static final Logger log = LoggerFactory.getLogger(FactsCollector.class);
    /** Re-importing within one bucket reuses the invocation instead of running the collector again. */
    private static final long CLIENT_TOKEN_BUCKET_SECONDS = 60;
    private static final String COLLECTOR = OnInstanceScripts.load(OnInstanceScripts.COLLECT_FACTS);

    private final CloudAssistantClient cloudAssistant;
    private final RegistryProperties properties;
    private final Clock clock;

    FactsCollector(CloudAssistantClient cloudAssistant, RegistryProperties properties, Clock clock) {
        this.cloudAssistant = cloudAssistant;
        this.properties = properties;
        this.clock = clock;
    }

    /** Facts (or the reason there are none) for each instance; every instance of the list gets an entry. */
    Map<String, CollectionOutcome> collect(String regionId, List<String> instanceIds) {
        Map<String, CollectionOutcome> outcomes = new HashMap<>();
        Map<Invocation, List<String>> started = new LinkedHashMap<>();
        // Sorted, so that a retry within the ClientToken's bucket sends the very same instance list.
        List<String> sorted = instanceIds.stream().sorted().toList();
        Duration timeout = properties.factsTimeout().compareTo(Duration.ofSeconds(10)) < 0
                ? Duration.ofSeconds(10) : properties.factsTimeout();
        for (List<String> batch : EcsInventory.batches(sorted, properties.runCommandBatchSize())) {
            try {
                started.put(cloudAssistant.start(new CommandSpec("osm-collect-facts", regionId, batch, COLLECTOR,
                        clientToken(regionId, batch, clock.instant()), timeout, Capture.STDOUT)), batch);
            } catch (CloudApiException e) {
                log.warn("Cannot start the fact collector on {} instances in {}: {}", batch.size(), regionId,
                        e.getMessage());
                batch.forEach(id -> outcomes.put(id, CollectionOutcome.failed("RunCommand failed: " + e.code())));
            }
        }
        Instant deadline = clock.instant().plus(properties.factsTimeout());
        for (Invocation invocation : started.keySet()) {
            Duration remaining = Duration.between(clock.instant(), deadline);
            try {
                cloudAssistant.await(invocation, remaining.isNegative() ? Duration.ZERO : remaining)
                        .forEach((id, outcome) -> outcomes.put(id, outcome(outcome)));
            } catch (CloudApiException e) {
                log.warn("Reading the fact collector's results ({}) failed: {}", invocation.invokeId(), e.getMessage());
                started.get(invocation).forEach(id -> outcomes.putIfAbsent(id, CollectionOutcome.failed(
                        "DescribeInvocationResults failed: " + e.code())));
            }
        }
        return outcomes;
    }

    /** Same instances, same region, same minute: same token, so a retried call does not run the script twice. */
    static String clientToken(String regionId, List<String> batch, Instant now) {
        List<String> sorted = new ArrayList<>(batch);
        sorted.sort(String::compareTo);
        long bucket = now.getEpochSecond() / CLIENT_TOKEN_BUCKET_SECONDS;
        return "osm-facts-" + io.osmigration.schemas.DeterministicIds.sha256Hex(regionId + ":" + String.join(",", sorted) + ":" + bucket)
                .substring(0, 40);
    }

    private CollectionOutcome outcome(CommandOutcome outcome) {
        if (outcome.kind() == CommandOutcome.Kind.STILL_RUNNING) {
            return CollectionOutcome.failed("the fact collector did not finish within " + properties.factsTimeout()
                    + " (invocation " + outcome.invokeId() + ")");
        }
        if (!outcome.succeeded()) {
            return CollectionOutcome.failed("the fact collector did not deliver: " + outcome.problem());
        }
        try {
            return CollectionOutcome.collected(FactsParser.parse(outcome.resultText(), clock.instant()));
        } catch (IllegalArgumentException e) {
            return CollectionOutcome.failed("unreadable collector output: " + e.getMessage());
        }
    }
}
