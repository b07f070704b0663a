package io.osmigration.precheck.facts;

import java.time.Clock;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import io.osmigration.platform.facts.ServerFacts;

/** Keeps the latest imported facts per source, one document each. */
@Service
public class KnownSources {

    private final MongoTemplate mongo;
    private final Clock clock;

    public KnownSources(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * Stores these facts unless newer ones are already stored: events of one source arrive in order, but a
     * redelivered older import must not overwrite a newer one.
     */
    public void remember(String sourceId, String instanceId, String regionId, String status, ServerFacts facts) {
        SourceFactsDocument document = new SourceFactsDocument(sourceId, instanceId, regionId, status, facts,
                facts.collectedAt(), clock.instant());
        Query notNewer = new Query(Criteria.where("_id").is(sourceId).orOperator(
                Criteria.where("collectedAt").lte(facts.collectedAt()), Criteria.where("collectedAt").exists(false)));
        try {
            mongo.findAndReplace(notNewer, document, FindAndReplaceOptions.options().upsert());
        } catch (DuplicateKeyException newerStored) {
            // The upsert found no document old enough but one exists: the stored facts are newer. Keep them.
        }
    }

    public Optional<SourceFactsDocument> find(String sourceId) {
        return Optional.ofNullable(mongo.findById(sourceId, SourceFactsDocument.class));
    }
}
