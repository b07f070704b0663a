package io.osmigration.registry.source.domain;

import java.util.Objects;

import io.osmigration.platform.facts.ServerFacts;

/**
 * One import of one server: what the registry learnt and how. Importing again with the same {@code sourceId} updates
 * the same source.
 *
 * @param instanceId       ECS instance id, null for servers off ECS
 * @param regionId         ECS region, null for servers off ECS
 * @param statusReason     why the source is OFFLINE (or a caveat about its facts); null when there is nothing to say
 * @param activationCodeId the activation code that registered it (authorises its heartbeats); null for ECS imports
 */
public record SourceRegistration(String sourceId, String instanceId, String regionId, ImportMethod importMethod,
                                 SourceStatus status, String statusReason, ServerFacts facts,
                                 String activationCodeId) {

    public SourceRegistration {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(importMethod, "importMethod");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(facts, "facts");
    }

    /** Where the server lives decides its id: the ECS instance when known, else the machine-id. */
    public static String sourceIdFor(String regionId, String instanceId, String machineId) {
        if (instanceId != null && !instanceId.isBlank() && regionId != null && !regionId.isBlank()) {
            return SourceIds.forEcs(regionId, instanceId);
        }
        if (machineId != null && !machineId.isBlank()) {
            return SourceIds.forMachine(machineId);
        }
        throw new IllegalArgumentException("A server needs an ECS instance id and region or a machine-id");
    }
}
