package io.osmigration.platform.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Tokens issued and revoked by admins, in the {@code tokens} collection of the shared security database
 * ({@code osm.security.database}), so that a token issued through one service works on all five. Stored by SHA-256;
 * the plain token is returned once, by {@link #issue}. Lookups are cached for {@code osm.security.token-cache-ttl}
 * (hits and misses alike, so a flood of bad tokens does not become a flood of queries); revoking clears this
 * service's cache at once, other services notice within the TTL. Expiry is checked on every use, cached or not.
 *
 * <p>At most one active token per name: {@code activeName} is set while a token may be used and has a unique sparse
 * index; revoking unsets it, and issuing first frees names whose token expired.
 */
public class IssuedTokens {

    static final String COLLECTION = "tokens";
    private static final int TOKEN_BYTES = 32;
    private static final int MAX_CACHED = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoTemplate mongo;
    private final Duration cacheTtl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public IssuedTokens(MongoTemplate securityDatabase, Duration cacheTtl, Clock clock) {
        this.mongo = securityDatabase;
        this.cacheTtl = cacheTtl;
        this.clock = clock;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("sha256", Sort.Direction.ASC).unique());
        mongo.indexOps(COLLECTION).createIndex(new Index().on("activeName", Sort.Direction.ASC).unique().sparse());
    }

    /**
     * A new token; the returned plain token exists only in this answer.
     *
     * @throws DuplicateKeyException when an active token already has this name
     */
    public Issued issue(String name, Role role, Duration validity, String description, String createdBy) {
        Instant now = clock.instant();
        mongo.updateMulti(Query.query(Criteria.where("activeName").is(name).and("expiresAt").lte(Date.from(now))),
                new Update().unset("activeName"), COLLECTION);
        String token = newToken();
        IssuedToken issued = new IssuedToken(newId(), name, role, blankToNull(description), now, createdBy,
                now.plus(validity), null, null);
        mongo.insert(new Document("_id", issued.id()).append("name", name).append("activeName", name)
                .append("role", role.wireName()).append("sha256", ConfiguredTokens.hash(token))
                .append("description", issued.description()).append("createdAt", Date.from(now))
                .append("createdBy", createdBy).append("expiresAt", Date.from(issued.expiresAt())), COLLECTION);
        return new Issued(issued, token);
    }

    /** Every issued token, newest first. */
    public List<IssuedToken> list() {
        return mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "createdAt")), Document.class, COLLECTION)
                .stream().map(IssuedTokens::toToken).toList();
    }

    /** Revokes a token (again: no change); empty when there is no such token. */
    public Optional<IssuedToken> revoke(String id, String revokedBy) {
        // A conditional update (revoking twice changes nothing), then a read of what is stored.
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("revokedAt").exists(false)),
                new Update().set("revokedAt", Date.from(clock.instant())).set("revokedBy", revokedBy).unset("activeName"),
                COLLECTION);
        cache.clear();
        return Optional.ofNullable(mongo.findById(id, Document.class, COLLECTION)).map(IssuedTokens::toToken);
    }

    /** The principal of a presented token if it is an issued one that is still active. Blocking (MongoDB). */
    public Optional<Principal> authenticate(String presented) {
        String hash = ConfiguredTokens.hash(presented);
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached == null || cached.loadedAt.plus(cacheTtl).isBefore(now)) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            Document found = mongo.findOne(Query.query(Criteria.where("sha256").is(hash)), Document.class, COLLECTION);
            cached = new Cached(Optional.ofNullable(found).map(IssuedTokens::toToken), now);
            cache.put(hash, cached);
        }
        return cached.token.filter(token -> token.activeAt(now)).map(IssuedToken::principal);
    }

    private static IssuedToken toToken(Document document) {
        return new IssuedToken(document.getString("_id"), document.getString("name"),
                Role.parse(document.getString("role")), document.getString("description"),
                instant(document, "createdAt"), document.getString("createdBy"), instant(document, "expiresAt"),
                instant(document, "revokedAt"), document.getString("revokedBy"));
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return "osm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String newId() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return "tk-" + HexFormat.of().formatHex(bytes);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A freshly issued token: {@code token} is the plain secret, to be shown once. */
    public record Issued(IssuedToken issuedToken, String token) {
    }

    private record Cached(Optional<IssuedToken> token, Instant loadedAt) {
    }
}
