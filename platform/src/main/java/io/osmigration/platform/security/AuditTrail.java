package io.osmigration.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The audit trail, in the {@code audit} collection of the shared security database, so that one query shows what
 * happened on every service. A state-changing request is written <em>before</em> it runs ({@link #begin}, outcome
 * PENDING) and completed afterwards ({@link #finish}): a request whose record cannot be written is refused, so
 * nothing changes unrecorded. Each record carries {@code pending: true} until {@link AuditRelay} has published it as
 * {@code AuditRecorded} on {@code osm.audit}: the record and its publication are one document, like the services'
 * outbox, so a crash loses no record and at worst publishes one twice (same event id).
 */
public class AuditTrail {

    static final String COLLECTION = "audit";
    public static final int MAX_LIMIT = 1000;

    private final MongoTemplate mongo;
    private final Clock clock;
    private final String service;
    private volatile Runnable published = () -> { };

    public AuditTrail(MongoTemplate securityDatabase, Clock clock, String service) {
        this.mongo = securityDatabase;
        this.clock = clock;
        this.service = service;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("at", Sort.Direction.DESC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("actor", Sort.Direction.ASC).on("at", Sort.Direction.DESC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("resourceIds", Sort.Direction.ASC).on("at", Sort.Direction.DESC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("pending", Sort.Direction.ASC).on("at", Sort.Direction.ASC).sparse());
    }

    /** Called after a record became ready to publish (the relay's wake-up). */
    void onReady(Runnable wakeUp) {
        this.published = wakeUp;
    }

    /** Records a request that is about to run; returns the record's id for {@link #finish}. */
    public String begin(Principal principal, Request request) {
        String id = UUID.randomUUID().toString();
        mongo.insert(document(id, principal, request, AuditEntry.PENDING, 0), COLLECTION);
        return id;
    }

    /** Completes a record with the answer's status and the resources the handler named. */
    public void finish(String id, int status, List<String> addedResources) {
        Update update = new Update().set("outcome", outcomeOf(status)).set("status", status)
                .set("finishedAt", Date.from(clock.instant())).set("pending", true);
        if (!addedResources.isEmpty()) {
            update.set("resource", addedResources.get(addedResources.size() - 1))
                    .addToSet("resourceIds").each(addedResources.toArray());
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), update, COLLECTION);
        published.run();
    }

    /** Records a request refused because the token's role is too low (it did not run). */
    public void denied(Principal principal, Request request) {
        Document document = document(UUID.randomUUID().toString(), principal, request, AuditEntry.DENIED, 403)
                .append("finishedAt", Date.from(clock.instant()));
        mongo.insert(document, COLLECTION);
        published.run();
    }

    /**
     * Records, newest first, optionally narrowed: {@code resource} matches any resource id of a record (a batch id
     * finds the batch's start, pause and cancel), {@code actor} the token name, {@code from}/{@code to} the time.
     */
    public List<AuditEntry> find(String resource, String actor, Instant from, Instant to, int limit) {
        Criteria criteria = new Criteria();
        if (resource != null && !resource.isBlank()) {
            criteria = criteria.and("resourceIds").is(resource.strip());
        }
        if (actor != null && !actor.isBlank()) {
            criteria = criteria.and("actor").is(actor.strip());
        }
        if (from != null || to != null) {
            Criteria at = criteria.and("at");
            if (from != null) {
                at = at.gte(Date.from(from));
            }
            if (to != null) {
                at.lt(Date.from(to));
            }
        }
        Query query = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "at"))
                .limit(Math.max(1, Math.min(limit, MAX_LIMIT)));
        return mongo.find(query, Document.class, COLLECTION).stream().map(AuditTrail::toEntry).toList();
    }

    String service() {
        return service;
    }

    MongoTemplate mongo() {
        return mongo;
    }

    private Document document(String id, Principal principal, Request request, String outcome, int status) {
        Set<String> resources = new LinkedHashSet<>(request.resourceIds());
        return new Document("_id", id).append("at", Date.from(clock.instant()))
                .append("actor", principal.name()).append("tokenId", principal.tokenId())
                .append("role", principal.role().wireName()).append("action", request.action())
                .append("method", request.method()).append("path", request.path())
                .append("resource", resources.isEmpty() ? null : new ArrayList<>(resources).get(resources.size() - 1))
                .append("resourceIds", new ArrayList<>(resources)).append("outcome", outcome).append("status", status)
                .append("clientAddress", request.clientAddress()).append("requestId", request.requestId())
                .append("service", service).append("pending", true);
    }

    static String outcomeOf(int status) {
        return status >= 200 && status < 300 ? AuditEntry.SUCCEEDED : AuditEntry.FAILED;
    }

    static AuditEntry toEntry(Document document) {
        Date at = document.getDate("at");
        Date finishedAt = document.getDate("finishedAt");
        return new AuditEntry(document.getString("_id"), at == null ? null : at.toInstant(),
                document.getString("actor"), document.getString("tokenId"), document.getString("role"),
                document.getString("action"), document.getString("method"), document.getString("path"),
                document.getString("resource"), document.getList("resourceIds", String.class, List.of()),
                document.getString("outcome"), document.getInteger("status", 0), document.getString("clientAddress"),
                document.getString("requestId"), document.getString("service"),
                finishedAt == null ? null : finishedAt.toInstant());
    }

    /**
     * What the audit trail keeps of a request.
     *
     * @param path        the path without query string (which may hold secrets such as stream tickets)
     * @param resourceIds ids from the path (path variables), most general first
     */
    public record Request(String action, String method, String path, List<String> resourceIds, String clientAddress,
                          String requestId) {

        public Request {
            resourceIds = List.copyOf(resourceIds);
        }
    }
}
