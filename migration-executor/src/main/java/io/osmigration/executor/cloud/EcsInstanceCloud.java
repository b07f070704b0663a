package io.osmigration.executor.cloud;

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

import io.osmigration.executor.domain.InstanceCloud;
import io.osmigration.platform.cloud.CloudApiException;
import io.osmigration.platform.cloud.EcsGateway;

/**
 * {@link InstanceCloud} on the ECS OpenAPI, one call per question. (A replica-wide batched poller can replace the
 * per-job DescribeInvocationResults behind the same interface.)
 */
@Component
class EcsInstanceCloud implements InstanceCloud {

    private final EcsGateway ecs;

    EcsInstanceCloud(EcsGateway ecs) {
        this.ecs = ecs;
    }

    @Override
    public String runScript(String regionId, String instanceId, String clientToken, String name, String script,
                            Duration timeout) {
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

    @Override
    public Optional<Invocation> invocation(String regionId, String instanceId, String invokeId) {
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

    /** DescribeInstances lists nothing for a released instance; some regions answer NotFound instead. */
    @Override
    public Optional<InstanceStatus> describe(String regionId, String instanceId) {
        DescribeInstancesRequest request = new DescribeInstancesRequest();
        request.setSysRegionId(regionId);
        request.setInstanceIds("[\"" + instanceId + "\"]");
        try {
            DescribeInstancesResponse response = ecs.call(request);
            return response.getInstances() == null ? Optional.empty() : response.getInstances().stream()
                    .filter(instance -> instanceId.equals(instance.getInstanceId())).findFirst()
                    .map(instance -> new InstanceStatus(instance.getStatus(), instance.getOSName()));
        } catch (CloudApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public boolean cloudAssistantOnline(String regionId, String instanceId) {
        DescribeCloudAssistantStatusRequest request = new DescribeCloudAssistantStatusRequest();
        request.setSysRegionId(regionId);
        request.setInstanceIds(List.of(instanceId));
        DescribeCloudAssistantStatusResponse response = ecs.call(request);
        return response.getInstanceCloudAssistantStatusSet() != null
                && response.getInstanceCloudAssistantStatusSet().stream()
                .anyMatch(status -> instanceId.equals(status.getInstanceId())
                        && "true".equalsIgnoreCase(status.getCloudAssistantStatus()));
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
