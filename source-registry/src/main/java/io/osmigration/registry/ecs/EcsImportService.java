package io.osmigration.registry.ecs;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.osmigration.platform.web.ApiException;
import io.osmigration.registry.ecs.domain.CollectionOutcome;
import io.osmigration.registry.ecs.domain.DescribedInstance;
import io.osmigration.registry.source.SourceSummary;
import io.osmigration.registry.source.Sources;
import io.osmigration.registry.source.domain.ImportMethod;
import io.osmigration.registry.source.domain.SourceIds;
import io.osmigration.registry.source.domain.SourceRegistration;
import io.osmigration.registry.source.domain.SourceStatus;

/**
 * Imports ECS instances picked by id: checks they all exist (else nothing is stored), asks whether Cloud Assistant
 * runs on them, collects facts where it does, and stores one source per instance.
 */
@Service
public class EcsImportService {

    private final EcsInventory inventory;
    private final FactsCollector collector;
    private final Sources sources;
    private final Clock clock;

    EcsImportService(EcsInventory inventory, FactsCollector collector, Sources sources, Clock clock) {
        this.inventory = inventory;
        this.collector = collector;
        this.sources = sources;
        this.clock = clock;
    }

    /** @throws ApiException 404 naming every unknown instance id; nothing is stored then */
    public List<SourceSummary> importInstances(String regionId, List<String> instanceIds) {
        Map<String, DescribedInstance> described = inventory.describe(regionId, instanceIds);
        List<String> unknown = instanceIds.stream().filter(id -> !described.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw unknownInstances(regionId, instanceIds, unknown);
        }
        Map<String, Boolean> online = inventory.assistantOnline(regionId, instanceIds);
        List<String> reachable = instanceIds.stream().filter(id -> Boolean.TRUE.equals(online.get(id))
                && "Running".equalsIgnoreCase(described.get(id).status())).toList();
        Map<String, CollectionOutcome> collected = reachable.isEmpty() ? Map.of()
                : collector.collect(regionId, reachable);
        List<SourceSummary> imported = new ArrayList<>();
        for (String instanceId : instanceIds) {
            imported.add(sources.register(registration(regionId, described.get(instanceId),
                    Boolean.TRUE.equals(online.get(instanceId)), collected.get(instanceId))));
        }
        return imported;
    }

    private SourceRegistration registration(String regionId, DescribedInstance instance, boolean assistantOnline,
                                            CollectionOutcome outcome) {
        String sourceId = SourceIds.forEcs(regionId, instance.instanceId());
        if (!"Running".equalsIgnoreCase(instance.status())) {
            return new SourceRegistration(sourceId, instance.instanceId(), regionId, ImportMethod.ECS,
                    SourceStatus.OFFLINE, "instance is " + instance.status(), instance.toFacts(clock.instant()), null);
        }
        if (!assistantOnline) {
            return new SourceRegistration(sourceId, instance.instanceId(), regionId, ImportMethod.ECS,
                    SourceStatus.OFFLINE, "Cloud Assistant agent is not running on the instance",
                    instance.toFacts(clock.instant()), null);
        }
        if (outcome == null || !outcome.succeeded()) {
            String problem = outcome == null ? "no collector result" : outcome.problem();
            return new SourceRegistration(sourceId, instance.instanceId(), regionId, ImportMethod.ECS,
                    SourceStatus.ONLINE, "facts from DescribeInstances only: " + problem,
                    instance.toFacts(clock.instant()), null);
        }
        return new SourceRegistration(sourceId, instance.instanceId(), regionId, ImportMethod.ECS,
                SourceStatus.ONLINE, null, outcome.facts(), null);
    }

    private static ApiException unknownInstances(String regionId, List<String> requested, List<String> unknown) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        for (String id : unknown) {
            errors.add(new ApiException.FieldError("instanceIds[" + requested.indexOf(id) + "]",
                    "no instance " + id + " in region " + regionId));
        }
        return new ApiException(HttpStatus.NOT_FOUND, "Unknown instances",
                "No such instances in " + regionId + ": " + String.join(", ", unknown), errors);
    }
}
