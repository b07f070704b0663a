package io.osmigration.registry.ecs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesResponse;

import io.osmigration.platform.cloud.EcsGateway;
import io.osmigration.platform.cloud.assistant.CloudAssistantClient;
import io.osmigration.registry.RegistryProperties;
import io.osmigration.registry.ecs.domain.DescribedInstance;

/**
 * Asks ECS about instances, always in batches no larger than the API accepts, so importing or polling thousands of
 * instances costs a few dozen calls rather than thousands.
 */
@Component
public class EcsInventory {

    private final EcsGateway ecs;
    private final CloudAssistantClient cloudAssistant;
    private final RegistryProperties properties;

    public EcsInventory(EcsGateway ecs, CloudAssistantClient cloudAssistant, RegistryProperties properties) {
        this.ecs = ecs;
        this.cloudAssistant = cloudAssistant;
        this.properties = properties;
    }

    /** The instances among {@code instanceIds} that exist in the region, by id; unknown ids are simply absent. */
    public Map<String, DescribedInstance> describe(String regionId, List<String> instanceIds) {
        Map<String, DescribedInstance> found = new LinkedHashMap<>();
        for (List<String> batch : batches(instanceIds, properties.describeBatchSize())) {
            DescribeInstancesRequest request = new DescribeInstancesRequest();
            request.setSysRegionId(regionId);
            request.setInstanceIds(jsonArray(batch));
            request.setPageSize(100);
            DescribeInstancesResponse response = ecs.call(request);
            for (DescribeInstancesResponse.Instance instance : response.getInstances()) {
                found.put(instance.getInstanceId(), new DescribedInstance(instance.getInstanceId(),
                        instance.getRegionId() == null ? regionId : instance.getRegionId(), instance.getInstanceName(),
                        instance.getHostName(), instance.getStatus(), instance.getOSName(), instance.getOSNameEn(),
                        instance.getMemory()));
            }
        }
        return found;
    }

    /**
     * Whether Cloud Assistant is online on each instance (the platform's client, batched as the API allows).
     * Instances ECS does not report are missing from the map (released, or in another region).
     */
    public Map<String, Boolean> assistantOnline(String regionId, List<String> instanceIds) {
        Map<String, Boolean> online = new HashMap<>();
        cloudAssistant.agentStates(regionId, instanceIds).forEach((id, state) -> online.put(id, state.online()));
        return online;
    }

    static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            batches.add(List.copyOf(items.subList(from, Math.min(items.size(), from + size))));
        }
        return batches;
    }

    /** DescribeInstances takes its ids as one JSON array string; ids are [A-Za-z0-9-] so no escaping is needed. */
    static String jsonArray(List<String> ids) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < ids.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(ids.get(i).replace("\\", "").replace("\"", "")).append('"');
        }
        return json.append(']').toString();
    }
}
