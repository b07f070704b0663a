package io.osmigration.registry.activation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.osmigration.registry.activation.domain.ActivationCode;

/** Activation codes in MongoDB; quota and expiry are enforced by conditional single-document updates. */
@Component
class ActivationCodeStore {

    private final MongoTemplate mongo;

    ActivationCodeStore(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(ActivationCodeDocument.COLLECTION)
                .createIndex(new Index().on("codeHash", Sort.Direction.ASC).unique().named("codeHash_unique"));
    }

    void insert(ActivationCode code) {
        mongo.insert(new ActivationCodeDocument(code.id(), code.codeHash(), code.quota(), code.used(),
                code.quota() - code.used(), code.createdAt(), code.expiresAt(), code.revoked(), null,
                code.description()));
    }

    Optional<ActivationCode> findByHash(String codeHash) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("codeHash").is(codeHash)),
                ActivationCodeDocument.class)).map(ActivationCodeDocument::toDomain);
    }

    Optional<ActivationCode> findById(String id) {
        return Optional.ofNullable(mongo.findById(id, ActivationCodeDocument.class))
                .map(ActivationCodeDocument::toDomain);
    }

    List<ActivationCode> all() {
        return mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "createdAt")), ActivationCodeDocument.class)
                .stream().map(ActivationCodeDocument::toDomain).toList();
    }

    /**
     * Takes one activation from the quota if the code is still valid at {@code now}: one atomic findAndModify, so
     * concurrent activations can never take more than the quota. Empty when the code is unusable (find out why with
     * {@link #findByHash}).
     */
    Optional<ActivationCode> claim(String codeHash, Instant now) {
        Query usable = Query.query(Criteria.where("codeHash").is(codeHash).and("revoked").is(false)
                .and("expiresAt").gt(now).and("remaining").gt(0));
        return Optional.ofNullable(mongo.findAndModify(usable, new Update().inc("used", 1).inc("remaining", -1),
                FindAndModifyOptions.options().returnNew(true), ActivationCodeDocument.class))
                .map(ActivationCodeDocument::toDomain);
    }

    /** Gives back an activation that was claimed but could not be completed. */
    void release(String id) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("used").gt(0)),
                new Update().inc("used", -1).inc("remaining", 1), ActivationCodeDocument.class);
    }

    Optional<ActivationCode> revoke(String id, Instant now) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("revoked").is(false)),
                new Update().set("revoked", true).set("revokedAt", now), ActivationCodeDocument.class);
        return findById(id);
    }
}
