package io.osmigration.snapshot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.osmigration.infra.ManualClock;
import io.osmigration.platform.lease.Claimed;
import io.osmigration.platform.lease.Leases;
import io.osmigration.snapshot.SnapshotServiceTestBase;
import io.osmigration.snapshot.domain.JobSnapshots;

/**
 * Several replicas share the stored jobs through the platform's leases: a job is worked on by one of them at a time,
 * until its lease runs out, and a replica whose claim was taken over can no longer write.
 */
class LeaseTest extends SnapshotServiceTestBase {

    @Autowired
    private JobSnapshotsStore store;
    @Autowired
    private SnapshotWorker worker;
    @Autowired
    private MongoTemplate mongo;

    private final List<Claimed<JobSnapshotsDocument>> skipped = new ArrayList<>();

    @Test
    void aDueJobIsClaimedByOneReplicaUntilItsLeaseRunsOutAndTheOldHolderCanNoLongerWrite() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ManualClock clock = new ManualClock(now);
        JobSnapshotsStore replicaA = new JobSnapshotsStore(mongo, new Leases(mongo, clock, "replica-a"), new SnapshotMetrics(mongo));
        JobSnapshotsStore replicaB = new JobSnapshotsStore(mongo, new Leases(mongo, clock, "replica-b"), new SnapshotMetrics(mongo));
        String jobId = newJobId();
        worker.stop();
        try {
            JobSnapshots job = insertDueJob(jobId, now);
            Duration lease = Duration.ofMinutes(1);

            Optional<Claimed<JobSnapshotsDocument>> first = claimJob(replicaA, now, lease, jobId);
            Optional<Claimed<JobSnapshotsDocument>> second = claimJob(replicaB, now, lease, jobId);
            clock.set(now.plus(lease).plusSeconds(1));
            Optional<Claimed<JobSnapshotsDocument>> afterExpiry = claimJob(replicaB, clock.instant(), lease, jobId);

            assertThat(first).map(c -> c.document().getLease().holder()).get().asString().startsWith("replica-a#");
            assertThat(second).isEmpty();
            assertThat(afterExpiry).map(c -> c.document().getLease().holder()).get().asString()
                    .startsWith("replica-b#");
            assertThat(afterExpiry.get().claim().token()).isGreaterThan(first.get().claim().token());
            // The first replica's late write is refused: the job changed hands. The new holder's write lands.
            assertThat(replicaA.saveClaimed(first.orElseThrow(),
                    JobSnapshotsStore.Change.of(job.waitUntil(null, now)))).isFalse();
            assertThat(store.find(jobId).orElseThrow().nextActionAt()).isEqualTo(job.nextActionAt());
            assertThat(replicaB.saveClaimed(afterExpiry.orElseThrow(),
                    JobSnapshotsStore.Change.of(job.waitUntil(null, now)))).isTrue();
            assertThat(store.find(jobId).orElseThrow().nextActionAt()).isNull();
            assertThat(mongo.findById(jobId, JobSnapshotsDocument.class).getLease().until())
                    .as("released with the write").isNull();
        } finally {
            skipped.forEach(claim -> store.abandon(claim.claim()));
            worker.start();
        }
    }

    @Test
    void aWriteUnderAClaimLosesToAnEventThatChangedTheJobMeanwhile() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String jobId = newJobId();
        worker.stop();
        try {
            JobSnapshots job = insertDueJob(jobId, now);
            Claimed<JobSnapshotsDocument> claimed = claimJob(store, now, Duration.ofMinutes(1), jobId).orElseThrow();

            // A listener records a migration outcome while the worker talks to the cloud.
            store.update(jobId, current -> Optional.of(JobSnapshotsStore.Change.of(current.waitUntil(
                    now.plusSeconds(42), now))));

            assertThat(store.saveClaimed(claimed, JobSnapshotsStore.Change.of(job.waitUntil(null, now)))).isFalse();
            assertThat(store.find(jobId).orElseThrow().nextActionAt()).isEqualTo(now.plusSeconds(42));
            store.abandon(claimed.claim());
        } finally {
            skipped.forEach(claim -> store.abandon(claim.claim()));
            worker.start();
        }
    }

    private JobSnapshots insertDueJob(String jobId, Instant now) {
        JobSnapshots job = JobSnapshots.impossible(jobId, "b-lease", "s-lease", null, REGION, "e-1", "test", now)
                .waitUntil(now, now);
        assertThat(store.insert(job, List.of())).isTrue();
        return job;
    }

    /** Claims due jobs as the given replica until it gets the one under test (others may be due too). */
    private Optional<Claimed<JobSnapshotsDocument>> claimJob(JobSnapshotsStore replica, Instant now, Duration lease,
                                                             String jobId) {
        Optional<Claimed<JobSnapshotsDocument>> found = Optional.empty();
        for (Claimed<JobSnapshotsDocument> claimed : replica.claimDue(now, lease, 50)) {
            if (claimed.document().getId().equals(jobId)) {
                found = Optional.of(claimed);
            } else {
                skipped.add(claimed);
            }
        }
        return found;
    }
}
