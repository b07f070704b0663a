package io.osmigration.registry.ecs;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.aliyuncs.ecs.model.v20140526.DescribeInvocationResultsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationResultsResponse;
import com.aliyuncs.ecs.model.v20140526.RunCommandRequest;
import com.aliyuncs.ecs.model.v20140526.RunCommandResponse;

import io.osmigration.platform.cloud.CloudApiException;
import io.osmigration.platform.cloud.EcsGateway;
import io.osmigration.platform.facts.FactsParser;
import io.osmigration.platform.facts.OnInstanceScripts;
import io.osmigration.registry.RegistryProperties;
import io.osmigration.registry.ecs.domain.CollectionOutcome;
import io.osmigration.registry.source.domain.SourceIds;

/**
 * Runs the shared collector script through Cloud Assistant (RunCommand, one invocation per batch of instances) and
 * reads its output with DescribeInvocationResults, waiting at most {@code osm.registry.facts-timeout}.
 */
@Component
class FactsCollector {

    private static final Logger log = LoggerFactory.getLogger(FactsCollector.class);
    private static final Set<String> UNFINISHED = Set.of("Pending", "Running", "Scheduled", "Stopping", "Starting");
    /** Re-importing within one bucket reuses the invocation instead of running the collector again. */
    private static final long CLIENT_TOKEN_BUCKET_SECONDS = 60;

    private final EcsGateway ecs;
    private final RegistryProperties properties;
    private final Clock clock;
    private final String scriptBase64;

    FactsCollector(EcsGateway ecs, RegistryProperties properties, Clock clock) {
        this.ecs = ecs;
        this.properties = properties;
        this.clock = clock;
        this.scriptBase64 = Base64.getEncoder().encodeToString(
                OnInstanceScripts.load(OnInstanceScripts.COLLECT_FACTS).getBytes(StandardCharsets.UTF_8));
    }

    /** Facts (or the reason there are none) for each instance; every instance of the list gets an entry. */
    Map<String, CollectionOutcome> collect(String regionId, List<String> instanceIds) {
        Map<String, CollectionOutcome> outcomes = new HashMap<>();
        Map<String, List<String>> pending = new HashMap<>();
        // Sorted, so that a retry within the ClientToken's bucket sends the very same instance list.
        List<String> sorted = instanceIds.stream().sorted().toList();
        for (List<String> batch : EcsInventory.batches(sorted, properties.runCommandBatchSize())) {
            try {
                pending.put(runCollector(regionId, batch), batch);
            } catch (CloudApiException e) {
                log.warn("Cannot start the fact collector on {} instances in {}: {}", batch.size(), regionId,
                        e.getMessage());
                batch.forEach(id -> outcomes.put(id, CollectionOutcome.failed("RunCommand failed: " + e.code())));
            }
        }
        long deadline = System.nanoTime() + properties.factsTimeout().toNanos();
        while (!pending.isEmpty()) {
            for (Map.Entry<String, List<String>> invocation : new ArrayList<>(pending.entrySet())) {
                if (readResults(regionId, invocation.getKey(), invocation.getValue(), outcomes)) {
                    pending.remove(invocation.getKey());
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                pending.values().forEach(batch -> batch.stream().filter(id -> !outcomes.containsKey(id))
                        .forEach(id -> outcomes.put(id, CollectionOutcome.failed(
                                "the fact collector did not finish within " + properties.factsTimeout()))));
                break;
            }
            LockSupport.parkNanos(properties.factsPollInterval().toNanos());
        }
        return outcomes;
    }

    private String runCollector(String regionId, List<String> batch) {
        RunCommandRequest request = new RunCommandRequest();
        request.setSysRegionId(regionId);
        request.setType("RunShellScript");
        request.setContentEncoding("Base64");
        request.setCommandContent(scriptBase64);
        request.setInstanceIds(batch);
        request.setName("osm-collect-facts");
        request.setTimeout(Math.max(10, properties.factsTimeout().toSeconds()));
        request.setKeepCommand(false);
        request.setClientToken(clientToken(regionId, batch, clock.instant()));
        RunCommandResponse response = ecs.call(request);
        return response.getInvokeId();
    }

    /** Same instances, same region, same minute: same token, so a retried call does not run the script twice. */
    static String clientToken(String regionId, List<String> batch, Instant now) {
        List<String> sorted = new ArrayList<>(batch);
        sorted.sort(String::compareTo);
        long bucket = now.getEpochSecond() / CLIENT_TOKEN_BUCKET_SECONDS;
        return "osm-facts-" + io.osmigration.schemas.DeterministicIds.sha256Hex(regionId + ":" + String.join(",", sorted) + ":" + bucket)
                .substring(0, 40);
    }

    /** Reads every page of one invocation; returns true when all its instances have finished. */
    private boolean readResults(String regionId, String invokeId, List<String> batch,
                                Map<String, CollectionOutcome> outcomes) {
        boolean allFinished = true;
        int seen = 0;
        for (long page = 1; ; page++) {
            DescribeInvocationResultsRequest request = new DescribeInvocationResultsRequest();
            request.setSysRegionId(regionId);
            request.setInvokeId(invokeId);
            request.setPageSize(50L);
            request.setPageNumber(page);
            DescribeInvocationResultsResponse.Invocation invocation;
            try {
                invocation = ecs.call(request).getInvocation();
            } catch (CloudApiException e) {
                log.warn("DescribeInvocationResults {} failed: {}", invokeId, e.getMessage());
                return false;
            }
            List<DescribeInvocationResultsResponse.Invocation.InvocationResult> results =
                    invocation == null || invocation.getInvocationResults() == null ? List.of()
                            : invocation.getInvocationResults();
            for (DescribeInvocationResultsResponse.Invocation.InvocationResult result : results) {
                seen++;
                if (UNFINISHED.contains(result.getInvocationStatus())) {
                    allFinished = false;
                } else if (!outcomes.containsKey(result.getInstanceId())) {
                    outcomes.put(result.getInstanceId(), outcome(result));
                }
            }
            long total = invocation == null || invocation.getTotalCount() == null ? seen : invocation.getTotalCount();
            if (results.isEmpty() || seen >= total) {
                break;
            }
        }
        return allFinished && seen >= batch.size();
    }

    private CollectionOutcome outcome(DescribeInvocationResultsResponse.Invocation.InvocationResult result) {
        if (!"Success".equals(result.getInvocationStatus()) && !"Finished".equals(result.getInvocationStatus())) {
            return CollectionOutcome.failed("the fact collector ended " + result.getInvocationStatus()
                    + (result.getErrorCode() == null || result.getErrorCode().isBlank() ? "" : " (" + result.getErrorCode() + ")"));
        }
        try {
            String output = new String(Base64.getMimeDecoder().decode(result.getOutput() == null ? "" : result.getOutput()),
                    StandardCharsets.UTF_8);
            return CollectionOutcome.collected(FactsParser.parse(output, clock.instant()));
        } catch (IllegalArgumentException e) {
            return CollectionOutcome.failed("unreadable collector output: " + e.getMessage());
        }
    }

}
