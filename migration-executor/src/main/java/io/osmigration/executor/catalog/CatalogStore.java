package io.osmigration.executor.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The executor's copy of the sources it knows: one document per source, last write wins per field. */
@Component
class CatalogStore {

    static final String COLLECTION = "sources";

    private final MongoTemplate mongo;

    CatalogStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    void upsert(SourceCatalog.CatalogEntry entry) {
        mongo.upsert(byId(entry.sourceId()), update(entry), COLLECTION);
    }

    /** Many entries in one round trip (what source-registry just told about a batch's sources). */
    void upsertAll(Collection<SourceCatalog.CatalogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        entries.forEach(entry -> bulk.upsert(byId(entry.sourceId()), update(entry)));
        bulk.execute();
    }

    void statusChanged(String sourceId, String instanceId, String status) {
        Update update = new Update().set("status", status);
        setIfPresent(update, "instanceId", instanceId);
        mongo.upsert(byId(sourceId), update, COLLECTION);
    }

    Optional<SourceCatalog.CatalogEntry> find(String sourceId) {
        return Optional.ofNullable(mongo.findOne(byId(sourceId), Document.class, COLLECTION)).map(CatalogStore::toEntry);
    }

    List<SourceCatalog.CatalogEntry> findAll(Collection<String> sourceIds) {
        List<SourceCatalog.CatalogEntry> found = new ArrayList<>();
        mongo.find(new Query(Criteria.where("_id").in(sourceIds)), Document.class, COLLECTION)
                .forEach(document -> found.add(toEntry(document)));
        return found;
    }

    List<SourceCatalog.CatalogEntry> first(int limit) {
        return mongo.find(new Query().with(Sort.by("_id")).limit(limit), Document.class, COLLECTION).stream()
                .map(CatalogStore::toEntry).toList();
    }

    private static Update update(SourceCatalog.CatalogEntry entry) {
        Update update = new Update();
        setIfPresent(update, "status", entry.status());
        setIfPresent(update, "instanceId", entry.instanceId());
        setIfPresent(update, "regionId", entry.regionId());
        setIfPresent(update, "os", entry.os());
        setIfPresent(update, "arch", entry.arch());
        setIfPresent(update, "hostname", entry.hostname());
        if (update.getUpdateObject().isEmpty()) {
            update.setOnInsert("status", "UNKNOWN");
        }
        return update;
    }

    private static SourceCatalog.CatalogEntry toEntry(Document d) {
        return new SourceCatalog.CatalogEntry(d.getString("_id"), d.getString("instanceId"), d.getString("regionId"),
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
}
