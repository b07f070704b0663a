package io.osmigration.precheck.facts;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.osmigration.events.SourceImported;
import io.osmigration.platform.facts.FactsMapping;
import io.osmigration.platform.idempotency.ProcessedEvents;

/** osm.sources → the latest facts per source. */
@Component
class SourceEventsListener {

    private final ProcessedEvents processedEvents;
    private final KnownSources knownSources;

    SourceEventsListener(ProcessedEvents processedEvents, KnownSources knownSources) {
        this.processedEvents = processedEvents;
        this.knownSources = knownSources;
    }

    @KafkaListener(topics = "osm.sources", groupId = "${spring.application.name}")
    void on(SpecificRecord event) {
        if (event instanceof SourceImported imported) {
            processedEvents.handleOnce("precheck-source-facts", imported, () -> knownSources.remember(
                    imported.getSourceId(), imported.getInstanceId(), imported.getRegionId(), imported.getStatus(),
                    FactsMapping.fromAvro(imported.getFacts())));
        }
    }
}
