package io.osmigration.precheck.facts;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.osmigration.platform.facts.ServerFacts;

/** The latest facts the registry imported for one source: the fallback when Cloud Assistant does not answer. */
@Document(SourceFactsDocument.COLLECTION)
public record SourceFactsDocument(@Id String sourceId, String instanceId, String regionId, String status,
                                  ServerFacts facts, Instant collectedAt, Instant updatedAt) {

    public static final String COLLECTION = "source_facts";
}
