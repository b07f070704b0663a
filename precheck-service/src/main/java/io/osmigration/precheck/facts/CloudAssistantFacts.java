package io.osmigration.precheck.facts;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.aliyuncs.ecs.model.v20140526.DescribeCloudAssistantStatusRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeCloudAssistantStatusResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationResultsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationResultsResponse;
import com.aliyuncs.ecs.model.v20140526.RunCommandRequest;
import com.aliyuncs.ecs.model.v20140526.RunCommandResponse;

import io.osmigration.platform.cloud.CloudApiException;
import io.osmigration.platform.cloud.EcsGateway;
import io.osmigration.platform.facts.FactsParser;
import io.osmigration.platform.facts.OnInstanceScripts;
import io.osmigration.precheck.PrecheckProperties;

/**
 * Collects fresh facts on the instance: the shared collector script through RunCommand, then
 * DescribeInvocationResults until the invocation ends or {@code osm.precheck.facts-timeout} passes.
 */
@Service
public class CloudAssistantFacts {

    private static final Logger log = LoggerFactory.getLogger(CloudAssistantFacts.class);
    private static final Set<String> FINAL = Set.of("Success", "Failed", "Error", "Timeout", "Aborted", "Cancelled",
            "Terminated", "Invalid", "Stopped");

    private final EcsGateway ecs;
    private final PrecheckProperties properties;
    private final Clock clock;
    private final String encodedScript;

    public CloudAssistantFacts(EcsGateway ecs, PrecheckProperties properties, Clock clock) {
        this.ecs = ecs;
        this.properties = properties;
        this.clock = clock;
        this.encodedScript = Base64.getEncoder().encodeToString(
                OnInstanceScripts.load(OnInstanceScripts.COLLECT_FACTS).getBytes(StandardCharsets.UTF_8));
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
            String invokeId = run(instanceId, regionId, clientToken);
            return await(instanceId, regionId, invokeId);
        } catch (CloudApiException e) {
            log.info("Collecting facts on {} failed: {}", instanceId, e.getMessage());
            return FreshFacts.failed(e.getMessage());
        }
    }

    /** Asks first, so an instance whose agent is known offline costs one cheap call and no invocation. */
    private String agentOffline(String instanceId, String regionId) {
        DescribeCloudAssistantStatusRequest request = new DescribeCloudAssistantStatusRequest();
        request.setInstanceIds(List.of(instanceId));
        request.setSysRegionId(regionId);
        try {
            DescribeCloudAssistantStatusResponse response = ecs.call(request);
            var status = response.getInstanceCloudAssistantStatusSet().stream()
                    .filter(s -> instanceId.equals(s.getInstanceId())).findFirst();
            if (status.isEmpty()) {
                return "the instance reports no Cloud Assistant status";
            }
            return "true".equalsIgnoreCase(status.get().getCloudAssistantStatus()) ? null
                    : "the agent is not running (last heartbeat " + orUnknown(status.get().getLastHeartbeatTime()) + ")";
        } catch (CloudApiException e) {
            if (e.isNotFound() || e.code() != null && e.code().startsWith("InvalidInstance")) {
                return e.getMessage();
            }
            // The status call is an optimisation: RunCommand itself tells whether the agent answers.
            log.debug("DescribeCloudAssistantStatus failed, trying RunCommand: {}", e.getMessage());
            return null;
        }
    }

    private String run(String instanceId, String regionId, String clientToken) {
        RunCommandRequest request = new RunCommandRequest();
        request.setSysRegionId(regionId);
        request.setInstanceIds(List.of(instanceId));
        request.setType("RunShellScript");
        request.setName("osm-collect-facts");
        request.setCommandContent(encodedScript);
        request.setContentEncoding("Base64");
        request.setTimeout(Math.max(10, properties.factsTimeout().toSeconds()));
        request.setClientToken(clientToken);
        RunCommandResponse response = ecs.call(request);
        return response.getInvokeId();
    }

    private FreshFacts await(String instanceId, String regionId, String invokeId) {
        Instant deadline = clock.instant().plus(properties.factsTimeout());
        while (true) {
            DescribeInvocationResultsRequest request = new DescribeInvocationResultsRequest();
            request.setSysRegionId(regionId);
            request.setInvokeId(invokeId);
            request.setInstanceId(instanceId);
            DescribeInvocationResultsResponse response = ecs.call(request);
            var results = response.getInvocation() == null ? null : response.getInvocation().getInvocationResults();
            var result = results == null ? null : results.stream()
                    .filter(r -> instanceId.equals(r.getInstanceId())).findFirst().orElse(null);
            if (result != null && FINAL.contains(result.getInvocationStatus())) {
                return finished(result);
            }
            if (clock.instant().isAfter(deadline)) {
                return FreshFacts.failed("the fact collector did not finish within " + properties.factsTimeout()
                        + " (invocation " + invokeId + ")");
            }
            pause(properties.pollInterval());
            if (Thread.currentThread().isInterrupted()) {
                return FreshFacts.failed("the check was cancelled while waiting for invocation " + invokeId);
            }
        }
    }

    private FreshFacts finished(DescribeInvocationResultsResponse.Invocation.InvocationResult result) {
        if (!"Success".equals(result.getInvocationStatus())) {
            String error = result.getErrorCode() != null && !result.getErrorCode().isBlank()
                    ? result.getErrorCode() + (result.getErrorInfo() == null ? "" : " (" + result.getErrorInfo() + ")")
                    : "exit code " + result.getExitCode();
            return FreshFacts.failed("the fact collector ended " + result.getInvocationStatus() + ": " + error);
        }
        String output = decode(result.getOutput());
        try {
            return FreshFacts.of(FactsParser.parse(output, clock.instant()));
        } catch (IllegalArgumentException e) {
            return FreshFacts.failed("the fact collector's output was unreadable: " + e.getMessage());
        }
    }

    private static String decode(String output) {
        if (output == null) {
            return "";
        }
        try {
            return new String(Base64.getMimeDecoder().decode(output), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException plainText) {
            return output;
        }
    }

    private static void pause(Duration interval) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(interval.toMillis()));
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }
}
