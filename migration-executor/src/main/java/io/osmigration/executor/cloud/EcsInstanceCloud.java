package io.osmigration.executor.cloud;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesResponse;

import io.osmigration.executor.domain.InstanceCloud;
import io.osmigration.platform.cloud.CloudApiException;
import io.osmigration.platform.cloud.EcsGateway;
import io.osmigration.platform.cloud.assistant.AgentState;
import io.osmigration.platform.cloud.assistant.CloudAssistantClient;
import io.osmigration.platform.cloud.assistant.CloudAssistantClient.InvocationKey;
import io.osmigration.platform.cloud.assistant.InvocationResult;

/**
 * {@link InstanceCloud} on the ECS OpenAPI. A question asked alone is one call; questions announced by
 * {@link #prefetch} (the job worker does, for every job it is about to move) are read for all jobs at once —
 * DescribeInstances 100 instances a call, DescribeCloudAssistantStatus 50, invocation results through
 * {@link CloudAssistantClient#results} — and each answer is then handed out once to the question that follows
 * ({@link ReadAhead}), so a job never acts on a status older than its own move's start.
 */
@Component
class EcsInstanceCloud implements InstanceCloud {

    private static final Logger log = LoggerFactory.getLogger(EcsInstanceCloud.class);
    /** ECS's limit of InstanceIds in one DescribeInstances. */
    static final int DESCRIBE_BATCH = 100;

    private final EcsGateway ecs;
    private final CloudAssistantClient assistant;
    private final ReadAhead ahead;

    EcsInstanceCloud(EcsGateway ecs, CloudAssistantClient assistant, ReadAhead ahead) {
        this.ecs = ecs;
        this.assistant = assistant;
        this.ahead = ahead;
    }

    /**
     * From the shared reads when they have it, else read alone. An ended record is also kept for the
     * {@link AssistantStepCommands#ended} that follows, so reading the result costs no second read of the record.
     */
    @Override
    public Optional<Invocation> invocation(String regionId, String instanceId, String invokeId) {
        Optional<Optional<InvocationResult>> read = ahead.take(ReadAhead.invocation(regionId, invokeId, instanceId));
        Optional<InvocationResult> record;
        if (read.isPresent()) {
            record = read.get();
        } else {
            InvocationKey wanted = new InvocationKey(invokeId, instanceId);
            record = Optional.ofNullable(assistant.results(regionId, List.of(wanted)).get(wanted));
        }
        record.filter(InvocationResult::finished)
                .ifPresent(ended -> ahead.put(ReadAhead.ended(regionId, invokeId, instanceId), ended));
        return record.map(EcsInstanceCloud::invocationOf);
    }

    /** DescribeInstances lists nothing for a released instance; some regions answer NotFound instead. */
    @Override
    public Optional<InstanceStatus> describe(String regionId, String instanceId) {
        Optional<Optional<InstanceStatus>> read = ahead.take(ReadAhead.status(regionId, instanceId));
        if (read.isPresent()) {
            return read.get();
        }
        try {
            return Optional.ofNullable(describeAll(regionId, List.of(instanceId)).get(instanceId));
        } catch (CloudApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Reads what the due jobs' moves will ask, for all of them at once, and looks at the waiting jobs' invocations in
     * the same reads (they cost nothing more: the running records are listed anyway, and a finished one is read once,
     * as its job would read it). A failed read is logged and left to the questions themselves, asked one by one.
     */
    @Override
    public Set<String> prefetch(Collection<Lookup> due, Collection<Lookup> waiting) {
        ahead.evictStale();
        Map<String, List<Lookup>> dueByRegion = due.stream().filter(Lookup::asksAnything)
                .collect(Collectors.groupingBy(Lookup::regionId, LinkedHashMap::new, Collectors.toList()));
        Set<String> woken = new HashSet<>();
        dueByRegion.forEach((region, lookups) -> {
            readStatuses(region, lookups);
            readAgents(region, lookups);
            List<Lookup> alsoWaiting = waiting.stream().filter(l -> region.equals(l.regionId())
                    && l.invokeId() != null).toList();
            woken.addAll(readInvocations(region, lookups, alsoWaiting));
        });
        return woken;
    }

    private void readStatuses(String region, List<Lookup> lookups) {
        List<String> ids = lookups.stream().filter(Lookup::status).map(Lookup::instanceId).distinct().toList();
        if (ids.size() < 2) {
            return; // one instance: its own question costs the same call, and only if it is asked
        }
        for (int from = 0; from < ids.size(); from += DESCRIBE_BATCH) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + DESCRIBE_BATCH));
            try {
                Map<String, InstanceStatus> found = describeAll(region, chunk);
                chunk.forEach(id -> ahead.put(ReadAhead.status(region, id), Optional.ofNullable(found.get(id))));
            } catch (CloudApiException e) {
                log.debug("DescribeInstances for {} instances failed; each asks alone: {}", chunk.size(), e.toString());
            }
        }
    }

    private void readAgents(String region, List<Lookup> lookups) {
        List<String> ids = lookups.stream().filter(Lookup::cloudAssistant).map(Lookup::instanceId).distinct().toList();
        if (ids.isEmpty()) {
            return;
        }
        try {
            Map<String, AgentState> states = assistant.agentStates(region, ids);
            ids.forEach(id -> ahead.put(ReadAhead.agent(region, id), Optional.ofNullable(states.get(id))));
        } catch (CloudApiException e) {
            log.debug("DescribeCloudAssistantStatus for {} instances failed: {}", ids.size(), e.toString());
        }
    }

    private Set<String> readInvocations(String region, List<Lookup> due, List<Lookup> waiting) {
        List<Lookup> asked = due.stream().filter(l -> l.invokeId() != null).toList();
        if (asked.isEmpty()) {
            return Set.of();
        }
        Set<InvocationKey> keys = new LinkedHashSet<>();
        asked.forEach(l -> keys.add(new InvocationKey(l.invokeId(), l.instanceId())));
        List<InvocationKey> others = waiting.stream().map(l -> new InvocationKey(l.invokeId(), l.instanceId()))
                .filter(key -> !keys.contains(key)).toList();
        Map<InvocationKey, InvocationResult> results;
        try {
            results = assistant.results(region, keys, others);
        } catch (CloudApiException e) {
            log.debug("Invocation results for {} records failed: {}", keys.size(), e.toString());
            return Set.of();
        }
        for (Lookup lookup : asked) {
            InvocationResult result = results.get(new InvocationKey(lookup.invokeId(), lookup.instanceId()));
            ahead.put(ReadAhead.invocation(region, lookup.invokeId(), lookup.instanceId()), Optional.ofNullable(result));
        }
        Set<String> woken = new HashSet<>();
        for (Lookup lookup : waiting) {
            InvocationResult result = results.get(new InvocationKey(lookup.invokeId(), lookup.instanceId()));
            if (result != null && result.finished()) {
                ahead.put(ReadAhead.invocation(region, lookup.invokeId(), lookup.instanceId()), Optional.of(result));
                woken.add(lookup.jobId());
            }
        }
        return woken;
    }

    private Map<String, InstanceStatus> describeAll(String regionId, List<String> instanceIds) {
        DescribeInstancesRequest request = new DescribeInstancesRequest();
        request.setSysRegionId(regionId);
        request.setInstanceIds(instanceIds.stream().map(id -> "\"" + id + "\"")
                .collect(Collectors.joining(",", "[", "]")));
        request.setPageSize(DESCRIBE_BATCH);
        DescribeInstancesResponse response = ecs.call(request);
        Map<String, InstanceStatus> found = new LinkedHashMap<>();
        Set<String> wanted = new HashSet<>(instanceIds);
        if (response.getInstances() != null) {
            for (DescribeInstancesResponse.Instance instance : response.getInstances()) {
                if (wanted.contains(instance.getInstanceId())) {
                    found.put(instance.getInstanceId(), new InstanceStatus(instance.getStatus(), instance.getOSName()));
                }
            }
        }
        return found;
    }

    private static Invocation invocationOf(InvocationResult result) {
        return new Invocation(result.status(), result.exitCode(),
                new String(result.output(), StandardCharsets.UTF_8), result.errorInfo());
    }
}
