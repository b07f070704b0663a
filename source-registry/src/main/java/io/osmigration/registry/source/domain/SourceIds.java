package io.osmigration.registry.source.domain;

import io.osmigration.schemas.DeterministicIds;

/**
 * Deterministic source ids (docs/architecture.md): importing the same server twice must find the same source, so the
 * id is derived from what identifies the server, never generated.
 */
public final class SourceIds {

    private SourceIds() {
    }

    /** {@code s-} + 20 hex chars of SHA-256({@code ecs:<regionId>:<instanceId>}). */
    public static String forEcs(String regionId, String instanceId) {
        return DeterministicIds.of("s-", "ecs:" + regionId + ":" + instanceId, 20);
    }

    /** For servers without an instance id: {@code s-} + 20 hex chars of SHA-256({@code machine:<machine-id>}). */
    public static String forMachine(String machineId) {
        return DeterministicIds.of("s-", "machine:" + machineId, 20);
    }
}
