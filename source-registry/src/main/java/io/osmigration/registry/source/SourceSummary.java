package io.osmigration.registry.source;

import java.time.Instant;

import io.osmigration.platform.facts.ServerFacts;
import io.osmigration.registry.source.domain.ImportMethod;
import io.osmigration.registry.source.domain.SourceStatus;

/** A read-only view of a stored source, as the other features and the API see it (no outbox, no version). */
public record SourceSummary(String sourceId, String instanceId, String regionId, ImportMethod importMethod,
                            SourceStatus status, String statusReason, ServerFacts facts, String activationCodeId,
                            Instant firstImportedAt, Instant importedAt, Instant lastSeenAt) {

    static SourceSummary of(SourceDocument document) {
        return new SourceSummary(document.getId(), document.getInstanceId(), document.getRegionId(),
                document.getImportMethod(), document.getStatus(), document.getStatusReason(), document.getFacts(),
                document.getActivationCodeId(), document.getFirstImportedAt(), document.getImportedAt(),
                document.getLastSeenAt());
    }
}
