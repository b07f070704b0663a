package io.osmigration.platform.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.osmigration.infra.EmbeddedInfrastructure;
import io.osmigration.infra.ManualClock;

class LeasesTest {

    private static final String COLLECTION = "lease_test";
    private static MongoClient client;
    private static MongoTemplate mongo;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));

    @BeforeAll
    static void connect() {
        client = MongoClients.create(EmbeddedInfrastructure.shared().mongoUri());
        mongo = new MongoTemplate(client, "osm_lease_test");
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void clean() {
        mongo.remove(new Query(), COLLECTION);
        for (int i = 0; i < 20; i++) {
            mongo.insert(new Document("_id", "w-" + i).append("due", true).append("n", i), COLLECTION);
        }
    }

    @Test
    void aClaimedDocumentCannotBeClaimedAgainUntilItsLeaseExpires() {
        Leases leases = new Leases(mongo, clock, "a");

        Optional<Claim> first = leases.claim(COLLECTION, "w-1", Duration.ofSeconds(30));
        Optional<Claim> second = leases.claim(COLLECTION, "w-1", Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(31));
        Optional<Claim> third = leases.claim(COLLECTION, "w-1", Duration.ofSeconds(30));

        assertThat(first).isPresent();
        assertThat(second).isEmpty();
        assertThat(third).isPresent();
        assertThat(third.get().token()).isGreaterThan(first.get().token());
    }

    @Test
    void anExpiredClaimTakenOverCanNoLongerWriteEvenOnTheSameReplica() {
        Leases leases = new Leases(mongo, clock, "same-replica");
        Claim slow = leases.claim(COLLECTION, "w-2", Duration.ofSeconds(5)).orElseThrow();
        clock.advance(Duration.ofSeconds(6));
        Claim takeover = leases.claim(COLLECTION, "w-2", Duration.ofSeconds(5)).orElseThrow();

        boolean slowWrote = leases.write(slow, new Update().set("result", "slow"));
        boolean newWrote = leases.write(takeover, new Update().set("result", "new"));

        assertThat(slowWrote).isFalse();
        assertThat(newWrote).isTrue();
        assertThat(leases.holds(slow)).isFalse();
        assertThat(leases.renew(slow, Duration.ofSeconds(5))).isEmpty();
        assertThat(mongo.findById("w-2", Document.class, COLLECTION).getString("result")).isEqualTo("new");
    }

    @Test
    void aReleasedDocumentIsFreeAtOnceAndTheReleaseCarriesTheOutcome() {
        Leases leases = new Leases(mongo, clock, "a");
        Claim claim = leases.claim(COLLECTION, "w-3", Duration.ofMinutes(1)).orElseThrow();

        assertThat(leases.release(claim, new Update().set("due", false))).isTrue();

        Document stored = mongo.findById("w-3", Document.class, COLLECTION);
        assertThat(stored.getBoolean("due")).isFalse();
        assertThat(stored.get("lease", Document.class).get("until")).isNull();
        assertThat(leases.claim(COLLECTION, "w-3", Duration.ofMinutes(1))).isPresent();
        assertThat(leases.release(claim)).as("a stale claim cannot release the new one").isFalse();
    }

    @Test
    void claimingBumpsTheVersionSoAStaleWholeDocumentSaveFails() {
        mongo.updateFirst(new Query(Criteria.where("_id").is("w-4")), new Update().set("version", 7L), COLLECTION);
        Leases leases = new Leases(mongo, clock, "a");

        leases.claim(COLLECTION, "w-4", Duration.ofMinutes(1)).orElseThrow();

        assertThat(((Number) mongo.findById("w-4", Document.class, COLLECTION).get("version")).longValue())
                .isEqualTo(8L);
    }

    @Test
    void claimNextTakesDueDocumentsInOrderAndMapsThem() {
        Leases leases = new Leases(mongo, clock, "a");
        Criteria due = Criteria.where("due").is(true);

        Claimed<Work> first = leases.claimNext(COLLECTION, due, Sort.by("n"), Duration.ofMinutes(1), Work.class)
                .orElseThrow();
        Claimed<Work> second = leases.claimNext(COLLECTION, due, Sort.by("n"), Duration.ofMinutes(1), Work.class)
                .orElseThrow();

        assertThat(first.document().n()).isZero();
        assertThat(first.document().lease().isHeldBy(first.claim(), clock.instant())).isTrue();
        assertThat(second.document().n()).isEqualTo(1);
    }

    @Test
    void aClaimCanCarryAnUpdateOfItsOwnInTheSameWrite() {
        Leases leases = new Leases(mongo, clock, "a");

        Claimed<Document> claimed = leases.claimNext(COLLECTION, Criteria.where("due").is(true), Sort.by("n"),
                Duration.ofMinutes(1), Document.class, new Update().set("status", "TAKEN").inc("attempts", 1))
                .orElseThrow();

        assertThat(claimed.document().getString("status")).isEqualTo("TAKEN");
        assertThat(claimed.document().getInteger("attempts")).isEqualTo(1);
        assertThat(claimed.document().get("lease", Document.class).getLong("token"))
                .isEqualTo(claimed.claim().token());
    }

    @Test
    void aFencedWriteCanAlsoRequireTheDocumentUnchangedSinceItWasRead() {
        Leases leases = new Leases(mongo, clock, "a");
        Claimed<Document> claimed = leases.claim(COLLECTION, "w-5", Duration.ofMinutes(1), Document.class)
                .orElseThrow();
        Object versionRead = claimed.document().get("version");
        // Someone who does not claim (an event handler, an outbox relay) changes the document meanwhile.
        mongo.updateFirst(new Query(Criteria.where("_id").is("w-5")), new Update().inc("version", 1), COLLECTION);

        boolean stale = leases.release(claimed.claim(), Criteria.where("version").is(versionRead),
                new Update().set("result", "stale"));
        Object versionNow = mongo.findById("w-5", Document.class, COLLECTION).get("version");
        boolean fresh = leases.release(claimed.claim(), Criteria.where("version").is(versionNow),
                new Update().set("result", "fresh"));

        assertThat(stale).isFalse();
        assertThat(fresh).isTrue();
        Document stored = mongo.findById("w-5", Document.class, COLLECTION);
        assertThat(stored.getString("result")).isEqualTo("fresh");
        assertThat(stored.get("lease", Document.class).get("until")).isNull();
    }

    @Test
    void competingReplicasNeverHoldTheSameDocumentAtOnce() throws Exception {
        Set<Object> claimed = ConcurrentHashMap.newKeySet();
        AtomicReference<Object> doubleClaim = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int replica = 0; replica < 8; replica++) {
            Leases leases = new Leases(mongo, Clock.systemUTC(), "r" + replica);
            pool.execute(() -> {
                Optional<Claimed<Document>> next;
                while ((next = leases.claimNext(COLLECTION, Criteria.where("due").is(true), Sort.by("n"),
                        Duration.ofMinutes(5), Document.class)).isPresent()) {
                    if (!claimed.add(next.get().claim().documentId())) {
                        doubleClaim.set(next.get().claim().documentId());
                    }
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(doubleClaim.get()).isNull();
        assertThat(claimed).hasSize(20);
    }

    @Test
    void claimAllTakesUpToTheLimitInOrderEachWithItsOwnTokenAndSkipsHeldOnes() {
        Leases a = new Leases(mongo, clock, "a");
        Leases b = new Leases(mongo, clock, "b");
        Criteria due = Criteria.where("due").is(true);
        Claimed<Work> heldByB = b.claim(COLLECTION, "w-1", Duration.ofMinutes(1), Work.class).orElseThrow();

        var batch = a.claimAll(COLLECTION, due, Sort.by("n"), 5, Duration.ofMinutes(1), Work.class,
                new Update().inc("attempts", 1));

        assertThat(batch).extracting(claimed -> claimed.document().n()).containsExactly(0, 2, 3, 4, 5);
        assertThat(batch).allSatisfy(claimed -> {
            assertThat(claimed.document().lease().isHeldBy(claimed.claim(), clock.instant())).isTrue();
            assertThat(mongo.findById(claimed.claim().documentId(), Document.class, COLLECTION)
                    .getInteger("attempts")).isEqualTo(1);
        });
        // Fenced like any claim: B keeps w-1, and A writes under the claims it took.
        assertThat(a.holds(heldByB.claim())).isTrue();
        assertThat(a.write(batch.get(0).claim(), new Update().set("result", "a"))).isTrue();
        assertThat(a.claimAll(COLLECTION, due, Sort.by("n"), 100, Duration.ofMinutes(1), Work.class, new Update()))
                .hasSize(14);
        assertThat(a.claimAll(COLLECTION, due, Sort.by("n"), 100, Duration.ofMinutes(1), Work.class, new Update()))
                .isEmpty();
    }

    @Test
    void renewAllExtendsTheClaimsStillHeldAndLeavesOutThoseTakenOver() {
        Leases a = new Leases(mongo, clock, "a");
        Leases b = new Leases(mongo, clock, "b");
        var claims = a.claimAll(COLLECTION, Criteria.where("due").is(true), Sort.by("n"), 3, Duration.ofSeconds(30),
                Document.class, new Update()).stream().map(Claimed::claim).toList();
        clock.advance(Duration.ofSeconds(31)); // all three ran out; B takes over w-1
        b.claim(COLLECTION, "w-1", Duration.ofMinutes(1)).orElseThrow();

        var renewed = a.renewAll(claims, Duration.ofMinutes(1));

        assertThat(renewed).extracting(Claim::documentId).containsExactly("w-0", "w-2");
        assertThat(renewed).allSatisfy(claim -> {
            assertThat(claim.until()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
            assertThat(a.holds(claim)).isTrue();
        });
        assertThat(a.holds(claims.get(1))).isFalse();
    }

    record Work(String id, boolean due, int n, Lease lease) {
    }
}
