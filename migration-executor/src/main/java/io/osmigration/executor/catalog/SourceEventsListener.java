package io.osmigration.executor.catalog;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.osmigration.events.SourceFacts;
import io.osmigration.events.SourceImported;
import io.osmigration.events.SourceStatusChanged;

/** Keeps the source catalog in step with source-registry. Upserts are idempotent, so no processed-events mark. */
@Component
class SourceEventsListener {

    private final SourceCatalog catalog;

    SourceEventsListener(SourceCatalog catalog) {
        this.catalog = catalog;
    }

    @KafkaListener(topics = "#{T(io.osmigration.schemas.Topics).SOURCES.name()}", groupId = "${spring.application.name}")
    void on(SpecificRecord event) {
        if (event instanceof SourceImported imported) {
            SourceFacts facts = imported.getFacts();
            String os = facts == null ? null : (facts.getOsId() + " " + facts.getOsVersionId()).trim();
            catalog.imported(new SourceCatalog.CatalogEntry(imported.getSourceId(), imported.getInstanceId(),
                    imported.getRegionId(), os, facts == null ? null : facts.getArch(), imported.getStatus(),
                    facts == null || facts.getHostname().isBlank() ? null : facts.getHostname()));
        } else if (event instanceof SourceStatusChanged changed) {
            catalog.statusChanged(changed.getSourceId(), changed.getInstanceId(), changed.getStatus());
        }
    }
}
