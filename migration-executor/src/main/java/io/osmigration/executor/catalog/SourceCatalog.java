package io.osmigration.executor.catalog;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * What the executor knows about sources, learnt from {@code osm.sources}: enough to accept a batch (the source
 * exists) and to address its instance. One document per source, last write wins per field.
 */
@Service
public class SourceCatalog {

    static final String COLLECTION = "sources";

    private final MongoTemplate mongo;

    public SourceCatalog(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void imported(CatalogEntry entry) {
        Update update = new Update().set("status", entry.status());
        setIfPresent(update, "instanceId", entry.instanceId());
        setIfPresent(update, "regionId", entry.regionId());
        setIfPresent(update, "os", entry.os());
        setIfPresent(update, "arch", entry.arch());
        setIfPresent(update, "hostname", entry.hostname());
        mongo.upsert(byId(entry.sourceId()), update, COLLECTION);
    }

    public void statusChanged(String sourceId, String instanceId, String status) {
        Update update = new Update().set("status", status);
        setIfPresent(update, "instanceId", instanceId);
        mongo.upsert(byId(sourceId), update, COLLECTION);
    }

    public Optional<CatalogEntry> find(String sourceId) {
        Document document = mongo.findOne(byId(sourceId), Document.class, COLLECTION);
        return Optional.ofNullable(document).map(SourceCatalog::toEntry);
    }

    /** The ids among {@code sourceIds} the catalog knows. */
    public Set<String> known(Collection<String> sourceIds) {
        Query query = new Query(Criteria.where("_id").in(sourceIds));
        query.fields().include("_id");
        Set<String> known = new HashSet<>();
        List<Document> found = mongo.find(query, Document.class, COLLECTION);
        found.forEach(document -> known.add(document.getString("_id")));
        return known;
    }

    private static CatalogEntry toEntry(Document d) {
        return new CatalogEntry(d.getString("_id"), d.getString("instanceId"), d.getString("regionId"),
                d.getString("os"), d.getString("arch"), d.getString("status"), d.getString("hostname"));
    }

    private static Query byId(String sourceId) {
        return new Query(Criteria.where("_id").is(sourceId));
    }

    private static void setIfPresent(Update update, String field, String value) {
        if (value != null) {
            update.set(field, value);
        }
    }

    /** A source as the executor sees it. */
    public record CatalogEntry(String sourceId, String instanceId, String regionId, String os, String arch,
                               String status, String hostname) {
    }
}
