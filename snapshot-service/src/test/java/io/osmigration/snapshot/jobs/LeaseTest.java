package io.osmigration.snapshot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.osmigration.snapshot.SnapshotServiceTestBase;
import io.osmigration.snapshot.domain.JobSnapshots;

/** Several replicas share the stored jobs: a job is worked on by one of them at a time, until its lease runs out. */
class LeaseTest extends SnapshotServiceTestBase {

    @Autowired
    private JobSnapshotsStore store;
    @Autowired
    private SnapshotWorker worker;

    private final List<JobSnapshotsDocument> skipped = new java.util.ArrayList<>();

    @Test
    void aDueJobIsClaimedByOneReplicaUntilItsLeaseRunsOut() {
        Instant now = Instant.now();
        String jobId = newJobId();
        worker.stop();
        try {
            JobSnapshots job = JobSnapshots.impossible(jobId, "b-lease", "s-lease", null, REGION, "e-1", "test", now)
                    .waitUntil(now, now);
            assertThat(store.insert(job, List.of())).isTrue();
            Instant leaseUntil = now.plus(Duration.ofMinutes(1));

            Optional<JobSnapshotsDocument> first = claimJob("replica-a", now, leaseUntil, jobId);
            Optional<JobSnapshotsDocument> second = claimJob("replica-b", now, leaseUntil, jobId);
            Optional<JobSnapshotsDocument> afterExpiry = claimJob("replica-b", leaseUntil.plusSeconds(1),
                    leaseUntil.plusSeconds(61), jobId);

            assertThat(first).map(JobSnapshotsDocument::getLeaseOwner).contains("replica-a");
            assertThat(second).isEmpty();
            assertThat(afterExpiry).map(JobSnapshotsDocument::getLeaseOwner).contains("replica-b");
            // The first replica's late write is refused: the job changed hands.
            assertThat(store.saveClaimed(first.orElseThrow(), JobSnapshotsStore.Change.of(job.waitUntil(null, now))))
                    .isFalse();
            assertThat(store.saveClaimed(afterExpiry.orElseThrow(),
                    JobSnapshotsStore.Change.of(job.waitUntil(null, now)))).isTrue();
        } finally {
            skipped.forEach(claim -> store.abandon(claim.getId(), claim.getLeaseOwner()));
            worker.start();
        }
    }

    /** Claims due jobs as the given replica until it gets the one under test (others may be due too). */
    private Optional<JobSnapshotsDocument> claimJob(String owner, Instant now, Instant leaseUntil, String jobId) {
        for (int i = 0; i < 50; i++) {
            Optional<JobSnapshotsDocument> claimed = store.claimDue(owner, now, leaseUntil);
            if (claimed.isEmpty() || claimed.get().getId().equals(jobId)) {
                return claimed;
            }
            skipped.add(claimed.get());
        }
        return Optional.empty();
    }
}
