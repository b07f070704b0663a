package io.osmigration.executor.job;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.aliyuncs.ecs.model.v20140526.DescribeCloudAssistantStatusRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeCloudAssistantStatusResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationResultsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationResultsResponse;
import com.aliyuncs.ecs.model.v20140526.RunCommandRequest;

import io.osmigration.platform.cloud.CloudApiException;
import io.osmigration.platform.cloud.EcsGateway;

/** The ECS calls the executor makes on an instance: run a script, follow it, and look at the instance. */
@Component
class InstanceCommands {

    private static final List<String> FINAL_STATUSES = List.of("Success", "Failed", "Timeout", "Error", "Stopped",
            "Cancelled", "Invalid", "Aborted", "Terminated");

    private final EcsGateway ecs;

    InstanceCommands(EcsGateway ecs) {
        this.ecs = ecs;
    }

    /** Result of one invocation on one instance; {@code finished} once its status is final. */
    record Invocation(String status, Integer exitCode, String output, String errorInfo) {
        boolean finished() {
            return FINAL_STATUSES.contains(status);
        }

        boolean succeeded() {
            return "Success".equals(status);
        }
    }

    /** Starts {@code script} with the step's ClientToken: the same token never runs the script twice. */
    String run(String instanceId, String regionId, String clientToken, String name, String script, Duration timeout) {
        RunCommandRequest request = new RunCommandRequest();
        request.setSysRegionId(regionId);
        request.setInstanceIds(List.of(instanceId));
        request.setType("RunShellScript");
        request.setContentEncoding("Base64");
        request.setCommandContent(Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8)));
        request.setTimeout(Math.max(1, timeout.toSeconds()));
        request.setClientToken(clientToken);
        request.setName(name);
        request.setKeepCommand(false);
        return ecs.call(request).getInvokeId();
    }

    Optional<Invocation> result(String invokeId, String instanceId, String regionId) {
        DescribeInvocationResultsRequest request = new DescribeInvocationResultsRequest();
        request.setSysRegionId(regionId);
        request.setInvokeId(invokeId);
        request.setInstanceId(instanceId);
        DescribeInvocationResultsResponse response = ecs.call(request);
        if (response.getInvocation() == null || response.getInvocation().getInvocationResults() == null) {
            return Optional.empty();
        }
        return response.getInvocation().getInvocationResults().stream()
                .filter(result -> instanceId.equals(result.getInstanceId()))
                .findFirst()
                .map(result -> new Invocation(result.getInvocationStatus(),
                        result.getExitCode() == null ? null : result.getExitCode().intValue(),
                        decode(result.getOutput()), result.getErrorInfo()));
    }

    /** The instance's status ({@code Running}, {@code Stopped}, ...), or empty if it no longer exists. */
    Optional<InstanceView> describe(String instanceId, String regionId) {
        DescribeInstancesRequest request = new DescribeInstancesRequest();
        request.setSysRegionId(regionId);
        request.setInstanceIds("[\"" + instanceId + "\"]");
        try {
            DescribeInstancesResponse response = ecs.call(request);
            return response.getInstances() == null ? Optional.empty() : response.getInstances().stream()
                    .filter(instance -> instanceId.equals(instance.getInstanceId())).findFirst()
                    .map(instance -> new InstanceView(instance.getStatus(), instance.getOSName()));
        } catch (CloudApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    boolean cloudAssistantOnline(String instanceId, String regionId) {
        DescribeCloudAssistantStatusRequest request = new DescribeCloudAssistantStatusRequest();
        request.setSysRegionId(regionId);
        request.setInstanceIds(List.of(instanceId));
        DescribeCloudAssistantStatusResponse response = ecs.call(request);
        return response.getInstanceCloudAssistantStatusSet() != null
                && response.getInstanceCloudAssistantStatusSet().stream()
                .anyMatch(status -> instanceId.equals(status.getInstanceId())
                        && "true".equalsIgnoreCase(status.getCloudAssistantStatus()));
    }

    record InstanceView(String status, String osName) {
    }

    private static String decode(String output) {
        if (output == null) {
            return "";
        }
        try {
            return new String(Base64.getMimeDecoder().decode(output), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return output;
        }
    }
}
