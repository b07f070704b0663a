package io.osmigration.precheck.check;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.osmigration.platform.lease.Claim;
import io.osmigration.platform.lease.Claimed;
import io.osmigration.platform.lease.Leases;
import io.osmigration.platform.outbox.OutboxMessage;

/**
 * The {@code prechecks} collection as a durable queue. A check is inserted {@code RUNNING}; any replica claims the
 * oldest one no live lease holds (platform {@link Leases}), so a check whose replica died is taken over once its
 * claim runs out, and no check is run by two replicas at once. The result is written under the claim.
 */
@Component
class CheckQueue {

    private final MongoTemplate mongo;
    private final Leases leases;
    private final Clock clock;

    CheckQueue(MongoTemplate mongo, Leases leases, Clock clock) {
        this.mongo = mongo;
        this.leases = leases;
        this.clock = clock;
        // Spring Data does not create @Indexed indexes by default: the batch view and the claim need these.
        mongo.indexOps(PrecheckDocument.class).createIndex(new Index().on("batchId", Sort.Direction.ASC).named("batchId"));
        mongo.indexOps(PrecheckDocument.class).createIndex(new Index().on("status", Sort.Direction.ASC)
                .on(Leases.FIELD + ".until", Sort.Direction.ASC).on("createdAt", Sort.Direction.ASC)
                .named("status_lease_createdAt"));
    }

    /** Queues a check; false if it exists already (the same job released twice, a redelivered request). */
    boolean insert(PrecheckDocument check) {
        try {
            mongo.insert(check);
            return true;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    /** Claims the oldest unfinished check that no live claim holds, counting the attempt in the same write. */
    Optional<Claimed<PrecheckDocument>> claimNext(Duration lease) {
        Update attempt = new Update().inc("attempts", 1).min("startedAt", clock.instant());
        return leases.claimNext(PrecheckDocument.COLLECTION, Criteria.where("status").is(PrecheckDocument.RUNNING),
                Sort.by(Sort.Direction.ASC, "createdAt"), lease, PrecheckDocument.class, attempt);
    }

    /** Claims up to {@code limit} of the oldest unfinished checks no live claim holds, in a few round trips. */
    List<Claimed<PrecheckDocument>> claimUpTo(int limit, Duration lease) {
        Update attempt = new Update().inc("attempts", 1).min("startedAt", clock.instant());
        return leases.claimAll(PrecheckDocument.COLLECTION, Criteria.where("status").is(PrecheckDocument.RUNNING),
                Sort.by(Sort.Direction.ASC, "createdAt"), limit, lease, PrecheckDocument.class, attempt);
    }

    /** Extends a claim; empty if it was lost (it expired and another replica took the check over). */
    Optional<Claim> renew(Claim claim, Duration lease) {
        return leases.renew(claim, lease);
    }

    /** Gives a check back unfinished, so another replica takes it up at once (this one is stopping). */
    void release(Claim claim) {
        leases.release(claim);
    }

    /** Extends many claims in one write; returns those still held (see {@link Leases#renewAll}). */
    List<Claim> renewAll(List<Claim> claims, Duration lease) {
        return leases.renewAll(claims, lease);
    }

    /**
     * Stores the collector with each of the checks (before RunCommand is sent, and again with the invocation ECS
     * started), each write fenced by its check's claim, all in one round trip; returns the ids of the checks it was
     * stored with (the others' claims were lost, or they ended).
     */
    Set<Object> collecting(List<Claim> claims, Collector collector) {
        if (claims.isEmpty()) {
            return Set.of();
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, PrecheckDocument.class);
        for (Claim claim : claims) {
            bulk.updateOne(stillRunning(claim), new Update().set("collector", collector).inc("version", 1));
        }
        Set<Object> stored = new HashSet<>();
        if (bulk.execute().getMatchedCount() == claims.size()) {
            claims.forEach(claim -> stored.add(claim.documentId()));
            return stored;
        }
        for (Claim claim : claims) {
            if (mongo.exists(stillRunning(claim), PrecheckDocument.class)) {
                stored.add(claim.documentId());
            }
        }
        return stored;
    }

    private static Query stillRunning(Claim claim) {
        return claim.fenced().addCriteria(Criteria.where("status").is(PrecheckDocument.RUNNING));
    }

    /**
     * RUNNING → PASSED/FAILED with the findings and, for a job, its result event, in one write that lands only while
     * {@code claim} is the check's newest claim and the check is still running; returns whether it did.
     */
    boolean finish(Claim claim, PrecheckDocument check, CheckResult result, Instant started) {
        Instant now = clock.instant();
        boolean failed = result.failed();
        Update update = new Update()
                .set("status", failed ? PrecheckDocument.FAILED : PrecheckDocument.PASSED)
                .set("findings", result.findings())
                .set("sourceOs", result.sourceOs())
                .set("arch", result.arch())
                .set("factsCollectedAt", result.factsCollectedAt())
                .set("factsStale", result.factsStale())
                .set("finishedAt", now)
                .set("durationMillis", Duration.between(started, now).toMillis());
        if (check.isJob()) {
            update.push("outbox", OutboxMessage.of(check.sourceId(), PrecheckEvents.result(check, result, clock)));
        }
        return leases.release(claim, Criteria.where("status").is(PrecheckDocument.RUNNING), update);
    }

    Optional<PrecheckDocument> find(String precheckId) {
        return Optional.ofNullable(mongo.findById(precheckId, PrecheckDocument.class));
    }

    List<PrecheckDocument> findByBatch(String batchId) {
        return mongo.find(new Query(Criteria.where("batchId").is(batchId)).with(Sort.by("createdAt")),
                PrecheckDocument.class);
    }
}
