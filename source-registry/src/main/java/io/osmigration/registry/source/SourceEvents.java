package io.osmigration.registry.source;

import java.time.Clock;
import java.time.Instant;

import io.osmigration.events.SourceImported;
import io.osmigration.events.SourceStatusChanged;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.platform.facts.FactsMapping;
import io.osmigration.registry.SourceRegistryApplication;
import io.osmigration.registry.source.domain.SourceStatus;

/** Builds the Avro events of {@code osm.sources} from stored sources. */
final class SourceEvents {

    private SourceEvents() {
    }

    /** The id derives from the source and the import time, so a retried save of one import yields one event id. */
    static SourceImported imported(SourceDocument source, Clock clock) {
        return SourceImported.newBuilder()
                .setHeader(EventHeaders.deterministic(SourceRegistryApplication.SERVICE_NAME,
                        "SourceImported:" + source.getId() + ":" + source.getImportedAt().toEpochMilli(),
                        null, null, null, clock))
                .setSourceId(source.getId())
                .setInstanceId(source.getInstanceId())
                .setRegionId(source.getRegionId())
                .setImportMethod(source.getImportMethod().name())
                .setStatus(source.getStatus().name())
                .setStatusReason(source.getStatusReason())
                .setFacts(FactsMapping.toAvro(source.getFacts()))
                .build();
    }

    static SourceStatusChanged statusChanged(SourceDocument source, SourceStatus previous, SourceStatus next,
                                             String reason, Instant at) {
        return SourceStatusChanged.newBuilder()
                .setHeader(EventHeaders.random(SourceRegistryApplication.SERVICE_NAME, null, null, null, at))
                .setSourceId(source.getId())
                .setInstanceId(source.getInstanceId())
                .setPreviousStatus(previous.name())
                .setStatus(next.name())
                .setReason(reason)
                .build();
    }
}
