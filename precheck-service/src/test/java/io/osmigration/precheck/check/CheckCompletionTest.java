package io.osmigration.precheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.osmigration.events.Finding;
import io.osmigration.events.PrecheckFailed;
import io.osmigration.infra.ManualClock;
import io.osmigration.platform.lease.Claimed;
import io.osmigration.platform.lease.Leases;
import io.osmigration.precheck.IntegrationTestBase;
import io.osmigration.precheck.rules.FindingCodes;

/**
 * A check ends once: the first result written under the newest claim wins; a late result, or one from a replica whose
 * claim was taken over, changes nothing. The queue is worked here by hand (this replica's worker is stopped).
 */
class CheckCompletionTest extends IntegrationTestBase {

    @Autowired
    private CheckQueue queue;
    @Autowired
    private CheckWorker worker;
    @Autowired
    private MongoTemplate mongo;

    private final List<Claimed<PrecheckDocument>> others = new ArrayList<>();

    @BeforeEach
    void stopWorker() {
        worker.stop();
    }

    @AfterEach
    void startWorker() {
        others.forEach(claimed -> queue.release(claimed.claim()));
        worker.start();
    }

    @Test
    void aTimedOutCheckFailsWithCheckTimeoutAndALateResultChangesNothing() {
        PrecheckDocument check = queuedJobCheck();
        Claimed<PrecheckDocument> claimed = claim(queue, check.precheckId());

        boolean timedOut = queue.finish(claimed.claim(), claimed.document(),
                CheckResult.timedOut(claimed.document(), Duration.ofSeconds(60)), Instant.now());
        boolean late = queue.finish(claimed.claim(), claimed.document(),
                new CheckResult(List.of(), "CentOS Linux 7 (Core)", "x86_64", Instant.now(), false), Instant.now());

        assertThat(timedOut).isTrue();
        assertThat(late).isFalse();
        PrecheckDocument stored = queue.find(check.precheckId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(PrecheckDocument.FAILED);
        assertThat(stored.attempts()).isEqualTo(1);
        assertThat(stored.findings()).extracting(io.osmigration.precheck.rules.Finding::code)
                .containsExactly(FindingCodes.CHECK_TIMEOUT);
        await().atMost(Duration.ofSeconds(15)).until(() -> !precheckEventsOfJob(check.jobId()).isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> precheckEventsOfJob(check.jobId()).size() == 1);
        assertThat(precheckEventsOfJob(check.jobId()).get(0)).isInstanceOfSatisfying(PrecheckFailed.class, failed -> {
            assertThat(failed.getFindings()).extracting(Finding::getCode).containsExactly("CHECK_TIMEOUT");
            assertThat(failed.getFindings().get(0).getDetail()).contains("PT1M", "osm.precheck.check-timeout");
        });
    }

    @Test
    void aReplicaWhoseClaimWasTakenOverCannotRecordItsResult() {
        PrecheckDocument check = queuedJobCheck();
        ManualClock clock = new ManualClock(Instant.now());
        CheckQueue slowReplica = new CheckQueue(mongo, new Leases(mongo, clock, "slow-replica"), clock);
        CheckQueue otherReplica = new CheckQueue(mongo, new Leases(mongo, clock, "other-replica"), clock);
        Claimed<PrecheckDocument> slow = claim(slowReplica, check.precheckId());
        clock.advance(Duration.ofMinutes(5)); // a long GC pause: the claim ran out and another replica took over
        Claimed<PrecheckDocument> takeover = claim(otherReplica, check.precheckId());

        boolean slowWrote = slowReplica.finish(slow.claim(), slow.document(),
                CheckResult.timedOut(slow.document(), Duration.ofSeconds(1)), clock.instant());
        boolean takeoverWrote = otherReplica.finish(takeover.claim(), takeover.document(),
                new CheckResult(List.of(), "CentOS Linux 7 (Core)", "x86_64", clock.instant(), false),
                clock.instant());

        assertThat(slowWrote).isFalse();
        assertThat(takeoverWrote).isTrue();
        PrecheckDocument stored = queue.find(check.precheckId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(PrecheckDocument.PASSED);
        assertThat(stored.attempts()).isEqualTo(2);
        assertThat(stored.lease().holder()).startsWith("other-replica#");
        assertThat(slowReplica.renew(slow.claim(), Duration.ofSeconds(30))).isEmpty();
        await().atMost(Duration.ofSeconds(15)).until(() -> precheckEventsOfJob(check.jobId()).size() == 1);
    }

    private PrecheckDocument queuedJobCheck() {
        String jobId = randomId("j-");
        PrecheckDocument check = PrecheckDocument.queued(PrecheckService.jobPrecheckId(jobId), randomId("s-"),
                "i-bp1demo000000000001", "cn-hangzhou", "alinux3", randomId("b-"), jobId, "request-" + jobId,
                List.of(), Instant.now());
        assertThat(queue.insert(check)).isTrue();
        assertThat(queue.insert(check)).as("queued once").isFalse();
        return check;
    }

    /** Claims from the queue until the check under test comes up (others may be queued too). */
    private Claimed<PrecheckDocument> claim(CheckQueue replica, String precheckId) {
        for (int i = 0; i < 100; i++) {
            Optional<Claimed<PrecheckDocument>> next = replica.claimNext(Duration.ofSeconds(30));
            if (next.isEmpty()) {
                break;
            }
            if (next.get().document().precheckId().equals(precheckId)) {
                return next.get();
            }
            others.add(next.get());
        }
        throw new AssertionError("check " + precheckId + " could not be claimed");
    }
}
