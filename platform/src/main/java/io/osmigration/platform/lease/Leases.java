package io.osmigration.platform.lease;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The one lease primitive of osmigration: a worker claims a document of any collection for a while, does its work and
 * writes the outcome under the claim's fencing token. Replicas share work this way (whoever claims first does it), a
 * dead replica's work is taken over once its claims expire, and a holder that was too slow can never overwrite the
 * work of the one that took over.
 *
 * <p>The lease lives in the document's {@code lease} field ({@link Lease}). A claim is one findAndModify: it matches
 * a free document (no lease, released, or expired), increments {@code lease.token} and the document's
 * {@code version} (so a writer still holding an older copy fails its optimistic-lock check instead of writing the
 * lease away), and sets holder and expiry. Expiry is compared with the claiming replica's clock: keep replicas'
 * clocks in sync (NTP) and leases much longer than the expected skew.
 *
 * <p>Callers declare the indexes their claim queries need (their "due" criteria plus {@code lease.until}).
 */
public class Leases {

    public static final String FIELD = "lease";
    static final String TOKEN = FIELD + ".token";
    static final String UNTIL = FIELD + ".until";
    static final String HOLDER = FIELD + ".holder";
    private static final String VERSION = "version";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final String replica;
    private final AtomicLong claims = new AtomicLong();

    public Leases(MongoTemplate mongo, Clock clock) {
        this(mongo, clock, defaultReplicaName());
    }

    public Leases(MongoTemplate mongo, Clock clock, String replica) {
        this.mongo = mongo;
        this.clock = clock;
        this.replica = replica;
    }

    /** Documents no live claim holds at {@code now}: never claimed, released, or expired. */
    public static Criteria free(Instant now) {
        return new Criteria().orOperator(Criteria.where(UNTIL).is(null), Criteria.where(UNTIL).lte(now));
    }

    /** Claims the first free document matching {@code due} in {@code order}, for {@code duration}. */
    public <T> Optional<Claimed<T>> claimNext(String collection, Criteria due, Sort order, Duration duration,
                                              Class<T> type) {
        return claimNext(collection, due, order, duration, type, new Update());
    }

    /**
     * Claims like {@link #claimNext(String, Criteria, Sort, Duration, Class)} and applies {@code also} in the same
     * atomic write (say, a status that shows the work is taken, or an attempt counter), so no reader ever sees the
     * claim without it. {@code also} must not touch {@code lease} or {@code version}.
     */
    public <T> Optional<Claimed<T>> claimNext(String collection, Criteria due, Sort order, Duration duration,
                                              Class<T> type, Update also) {
        Instant now = clock.instant();
        Query query = new Query(new Criteria().andOperator(due, free(now))).with(order);
        return claim(collection, query, now, duration, type, also);
    }

    /**
     * Claims up to {@code limit} free documents matching {@code due}, first in {@code order}, in three round trips
     * (find the candidates, claim them all in one update, read back those this call claimed) instead of one
     * findAndModify each, applying {@code also} to each like {@link #claimNext(String, Criteria, Sort, Duration,
     * Class, Update)}. Every claim has its own document's token; the holder names this call, which is how it finds
     * the documents it won when another replica claimed some of the candidates first.
     */
    public <T> List<Claimed<T>> claimAll(String collection, Criteria due, Sort order, int limit, Duration duration,
                                         Class<T> type, Update also) {
        if (limit <= 0) {
            return List.of();
        }
        Instant now = clock.instant();
        Query candidates = new Query(new Criteria().andOperator(due, free(now))).with(order).limit(limit);
        candidates.fields().include("_id");
        List<Object> ids = mongo.find(candidates, Document.class, collection).stream().map(doc -> doc.get("_id"))
                .toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        String holder = newHolder();
        Instant until = now.plus(duration);
        mongo.updateMulti(new Query(new Criteria().andOperator(Criteria.where("_id").in(ids), due, free(now))),
                claimUpdate(also, holder, until), collection);
        List<Claimed<T>> claimed = new ArrayList<>();
        for (Document doc : mongo.find(new Query(Criteria.where("_id").in(ids).and(HOLDER).is(holder)).with(order),
                Document.class, collection)) {
            claimed.add(claimed(collection, doc, holder, until, type));
        }
        return claimed;
    }

    /** Claims one named document if it is free, for {@code duration}. */
    public <T> Optional<Claimed<T>> claim(String collection, Object documentId, Duration duration, Class<T> type) {
        Instant now = clock.instant();
        Query query = new Query(new Criteria().andOperator(Criteria.where("_id").is(documentId), free(now)));
        return claim(collection, query, now, duration, type, new Update());
    }

    /** Claims one named document if it is free; the document itself is not needed. */
    public Optional<Claim> claim(String collection, Object documentId, Duration duration) {
        return claim(collection, documentId, duration, Document.class).map(Claimed::claim);
    }

    private <T> Optional<Claimed<T>> claim(String collection, Query query, Instant now, Duration duration,
                                           Class<T> type, Update also) {
        String holder = newHolder();
        Instant until = now.plus(duration);
        Document claimed = mongo.findAndModify(query, claimUpdate(also, holder, until),
                FindAndModifyOptions.options().returnNew(true), Document.class, collection);
        return claimed == null ? Optional.empty() : Optional.of(claimed(collection, claimed, holder, until, type));
    }

    /** A holder name no other claim has: the replica, a counter, the claiming thread. */
    private String newHolder() {
        return replica + "#" + claims.incrementAndGet() + "@" + Thread.currentThread().getName();
    }

    /** What claiming writes: {@code also}, a new token, the holder and until when. */
    private static Update claimUpdate(Update also, String holder, Instant until) {
        return also.inc(TOKEN, 1L).set(HOLDER, holder).set(UNTIL, until).inc(VERSION, 1);
    }

    /** The claim on a document as this call's update left it, with the document read as {@code type}. */
    private <T> Claimed<T> claimed(String collection, Document doc, String holder, Instant until, Class<T> type) {
        Document lease = doc.get(FIELD, Document.class);
        Claim claim = new Claim(collection, doc.get("_id"), holder, ((Number) lease.get("token")).longValue(), until);
        T document = type == Document.class ? type.cast(doc) : mongo.getConverter().read(type, doc);
        return new Claimed<>(claim, document);
    }

    /** Extends a claim that is still the newest one; empty if it was lost (expired and taken over). */
    public Optional<Claim> renew(Claim claim, Duration duration) {
        Instant until = clock.instant().plus(duration);
        boolean renewed = mongo.updateFirst(claim.fenced(), new Update().set(UNTIL, until), claim.collection())
                .getMatchedCount() == 1;
        return renewed ? Optional.of(claim.extendedTo(until)) : Optional.empty();
    }

    /**
     * Extends many claims in one write per collection (and per 100 claims) rather than one each; returns those that
     * were still the newest claim on their document, extended. The others were lost (expired and taken over).
     */
    public List<Claim> renewAll(Collection<Claim> claims, Duration duration) {
        Instant until = clock.instant().plus(duration);
        List<Claim> renewed = new ArrayList<>();
        Map<String, List<Claim>> byCollection = new LinkedHashMap<>();
        claims.forEach(claim -> byCollection.computeIfAbsent(claim.collection(), c -> new ArrayList<>()).add(claim));
        byCollection.forEach((collection, all) -> {
            for (int from = 0; from < all.size(); from += 100) {
                List<Claim> chunk = all.subList(from, Math.min(all.size(), from + 100));
                Criteria fenced = new Criteria().orOperator(chunk.stream().map(claim -> Criteria.where("_id")
                        .is(claim.documentId()).and(TOKEN).is(claim.token())).toArray(Criteria[]::new));
                long matched = mongo.updateMulti(new Query(fenced), new Update().set(UNTIL, until), collection)
                        .getMatchedCount();
                Set<Object> held = new HashSet<>();
                if (matched == chunk.size()) {
                    chunk.forEach(claim -> held.add(claim.documentId()));
                } else {
                    Query stillOurs = new Query(fenced);
                    stillOurs.fields().include("_id");
                    mongo.find(stillOurs, Document.class, collection).forEach(doc -> held.add(doc.get("_id")));
                }
                chunk.stream().filter(claim -> held.contains(claim.documentId()))
                        .forEach(claim -> renewed.add(claim.extendedTo(until)));
            }
        });
        return renewed;
    }

    /** Applies {@code update} only while {@code claim} is the document's newest claim; returns whether it did. */
    public boolean write(Claim claim, Update update) {
        return mongo.updateFirst(claim.fenced(), update.inc(VERSION, 1), claim.collection()).getMatchedCount() == 1;
    }

    /**
     * Applies {@code update} only while {@code claim} is the document's newest claim and the document still matches
     * {@code unchanged} (typically the {@code version} the holder read, when others may change the document without
     * claiming it); returns whether it did.
     */
    public boolean write(Claim claim, Criteria unchanged, Update update) {
        Query query = claim.fenced().addCriteria(unchanged);
        return mongo.updateFirst(query, update.inc(VERSION, 1), claim.collection()).getMatchedCount() == 1;
    }

    /** Gives the document back (others may claim it at once); false if the claim was lost already. */
    public boolean release(Claim claim) {
        return release(claim, new Update());
    }

    /** Gives the document back and applies {@code also} in the same write, only if the claim still holds. */
    public boolean release(Claim claim, Update also) {
        return write(claim, also.set(UNTIL, null));
    }

    /** Gives the document back with {@code also}, only if the claim holds and the document matches {@code unchanged}. */
    public boolean release(Claim claim, Criteria unchanged, Update also) {
        return write(claim, unchanged, also.set(UNTIL, null));
    }

    /** Whether {@code claim} is still the newest claim on its document and has not expired. */
    public boolean holds(Claim claim) {
        Query query = claim.fenced();
        query.addCriteria(Criteria.where(UNTIL).gt(clock.instant()));
        return mongo.exists(query, claim.collection());
    }

    private static String defaultReplicaName() {
        String jvm = ManagementFactory.getRuntimeMXBean().getName();
        return (jvm == null || jvm.isBlank() ? "replica" : jvm) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
