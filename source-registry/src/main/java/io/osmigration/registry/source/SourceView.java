package io.osmigration.registry.source;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.osmigration.platform.facts.ServerFacts;

/**
 * A source as the API shows it (contract: sourceId, instanceId?, regionId?, hostname, os, arch, kernel, status,
 * importedAt), plus a few facts operators ask about. Never the activation code or anything secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceView(String sourceId, String instanceId, String regionId, String hostname, Os os, String arch,
                         String kernel, String status, String statusReason, String importMethod, Instant importedAt,
                         Instant lastSeenAt, Long memoryMiB, Long rootFreeMiB, Long bootFreeMiB,
                         Boolean cloudAssistantInstalled) {

    public record Os(String id, String versionId, String prettyName) {
    }

    public static SourceView of(SourceSummary source) {
        ServerFacts facts = source.facts();
        return new SourceView(source.sourceId(), source.instanceId(), source.regionId(),
                facts == null ? "" : facts.hostname(),
                facts == null ? new Os("", "", "") : new Os(facts.osId(), facts.osVersionId(), facts.osPrettyName()),
                facts == null ? "" : facts.arch(), facts == null ? "" : facts.kernel(),
                source.status().name(), source.statusReason(), source.importMethod().name(), source.importedAt(),
                source.lastSeenAt(), facts == null ? null : facts.memoryMiB(),
                facts == null ? null : facts.rootFreeMiB(), facts == null ? null : facts.bootFreeMiB(),
                facts == null ? null : facts.cloudAssistantInstalled());
    }
}
