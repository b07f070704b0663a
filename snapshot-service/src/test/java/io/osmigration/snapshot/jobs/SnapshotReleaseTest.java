package io.osmigration.snapshot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.osmigration.events.MigrationCompleted;
import io.osmigration.events.SnapshotInfo;
import io.osmigration.events.SnapshotReleased;
import io.osmigration.events.SnapshotsCreated;
import io.osmigration.snapshot.SnapshotServiceTestBase;
import io.osmigration.snapshot.domain.JobSnapshots;
import io.osmigration.snapshot.domain.ReleaseReason;

class SnapshotReleaseTest extends SnapshotServiceTestBase {

    @Autowired
    private JobSnapshotsStore store;
    @Autowired
    private SnapshotWorker worker;

    private SnapshotsCreated backUp(String jobId, String instanceId) {
        publish(precheckPassed(jobId, instanceId));
        return await().until(() -> ENV.snapshotEvents(jobId, SnapshotsCreated.class), e -> !e.isEmpty()).get(0);
    }

    private long cloudSnapshotsOf(String instanceId, String jobId) {
        return jobCloudSnapshots(instanceId, jobId).stream().count();
    }

    @Test
    void afterMigrationCompletedTheSnapshotsAreReleasedOnceTheRetentionIsOver() {
        String jobId = newJobId();
        SnapshotsCreated created = backUp(jobId, "i-snapret");
        MigrationCompleted completed = migrationCompleted(jobId, "i-snapret");

        publish(completed);

        SnapshotReleased released = await().until(() -> ENV.snapshotEvents(jobId, SnapshotReleased.class),
                e -> !e.isEmpty()).get(0);
        assertThat(released.getReason()).isEqualTo("RETENTION");
        assertThat(released.getHeader().getCausationId()).isEqualTo(completed.getHeader().getEventId());
        assertThat(released.getSnapshots()).extracting(SnapshotInfo::getSnapshotId).containsExactlyInAnyOrderElementsOf(
                created.getSnapshots().stream().map(SnapshotInfo::getSnapshotId).toList());
        assertThat(released.getSavedDailyCost()).isEqualTo(created.getEstimatedDailyCost());
        assertThat(cloudSnapshotsOf("i-snapret", jobId)).isZero();
        HttpResponse<String> listed = get("/api/v1/snapshots?jobId=" + jobId);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("\"status\":\"RELEASED\"").contains("\"releasedAt\"")
                .doesNotContain("AVAILABLE");
        assertThat(get("/api/v1/snapshots/jobs/" + jobId).body()).contains("\"stage\":\"RELEASED\"")
                .contains("\"releaseReason\":\"RETENTION\"");
    }

    @Test
    void anOperatorReleasesAJobsSnapshotsNowThroughTheApi() {
        String jobId = newJobId();
        SnapshotsCreated created = backUp(jobId, "i-snapop");
        HttpResponse<String> listed = get("/api/v1/snapshots?jobId=" + jobId);
        assertThat(listed.statusCode()).isEqualTo(200);
        for (SnapshotInfo info : created.getSnapshots()) {
            assertThat(listed.body()).contains("\"snapshotId\":\"" + info.getSnapshotId() + "\"");
        }
        // The snapshots of the job's snapshot-consistent group go by the group's name.
        assertThat(listed.body()).contains("\"snapshotName\":\"SMC_Backup_Snapshot_" + jobId + "\"")
                .contains("\"diskId\":\"d-snapop-data\"").contains("\"instanceId\":\"i-snapop\"")
                .contains("\"jobId\":\"" + jobId + "\"").contains("\"status\":\"AVAILABLE\"")
                .contains("\"sizeGiB\":100").contains("\"estimatedDailyCost\":1.0").contains("\"currency\":\"CNY\"")
                .contains("\"createdAt\":\"");

        HttpResponse<String> refused = post("/api/v1/snapshots/jobs/" + jobId + ":release", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).contains("application/problem+json"));
        assertThat(cloudSnapshotsOf("i-snapop", jobId)).isEqualTo(2);

        HttpResponse<String> accepted = post("/api/v1/snapshots/jobs/" + jobId + ":release", TOKEN);

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"jobId\":\"" + jobId + "\"");
        SnapshotReleased released = await().until(() -> ENV.snapshotEvents(jobId, SnapshotReleased.class),
                e -> !e.isEmpty()).get(0);
        assertThat(released.getReason()).isEqualTo("OPERATOR");
        assertThat(released.getSnapshots()).hasSize(2);
        assertThat(cloudSnapshotsOf("i-snapop", jobId)).isZero();
        assertThat(post("/api/v1/snapshots/jobs/" + jobId + ":release", TOKEN).statusCode()).isEqualTo(202);
    }

    @Test
    void releaseRequestsForUnknownJobsOrActionsAndBadIdsAreProblems() {
        HttpResponse<String> unknown = post("/api/v1/snapshots/jobs/j-00000000000000000000:release", TOKEN);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"status\":404");
        assertThat(post("/api/v1/snapshots/jobs/j-00000000000000000000:explode", TOKEN).statusCode()).isEqualTo(404);
        HttpResponse<String> bad = get("/api/v1/snapshots?jobId=%24%7Bbad%7D");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"jobId\"");
        assertThat(get("/api/v1/snapshots?jobId=j-00000000000000000000").body()).isEqualTo("[]");
        assertThat(get("/api/v1/snapshots/jobs/j-00000000000000000000").statusCode()).isEqualTo(404);
        assertThat(getWithoutToken("/api/v1/snapshots?jobId=j-00000000000000000000").statusCode()).isEqualTo(401);
        HttpResponse<String> health = getWithoutToken("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
    }

    @Test
    void aPendingReleaseIsStoredWithItsDueTimeAndSurvivesTheWorkerGoingAway() {
        String jobId = newJobId();
        backUp(jobId, "i-snaprestart");
        worker.stop();
        try {
            publish(migrationCompleted(jobId, "i-snaprestart"));
            JobSnapshots stored = await().until(() -> store.find(jobId).orElseThrow(), j -> j.release() != null);
            assertThat(stored.release().reason()).isEqualTo(ReleaseReason.RETENTION);
            assertThat(stored.release().dueAt()).isNotNull();
            assertThat(cloudSnapshotsOf("i-snaprestart", jobId)).isEqualTo(2);
            HttpResponse<String> pending = get("/api/v1/snapshots/jobs/" + jobId);
            assertThat(pending.statusCode()).isEqualTo(200);
            assertThat(pending.body()).contains("\"stage\":\"AVAILABLE\"").contains("\"releaseReason\":\"RETENTION\"")
                    .contains("\"releaseDueAt\":\"").contains("\"estimatedDailyCost\":1.4");
        } finally {
            worker.start();
        }
        // A new worker knows nothing but what is stored, and releases the job from there.
        await().until(() -> ENV.snapshotEvents(jobId, SnapshotReleased.class), e -> !e.isEmpty());
        assertThat(cloudSnapshotsOf("i-snaprestart", jobId)).isZero();
        assertThat(List.of(store.find(jobId).orElseThrow().stage().name())).containsExactly("RELEASED");
    }

    @Test
    void snapshotsStillBeingCreatedCannotBeReleasedAndNothingChanges() {
        String jobId = newJobId();
        worker.stop();
        try {
            publish(precheckPassed(jobId, "i-snapapi"));
            await().until(() -> store.find(jobId).isPresent());

            HttpResponse<String> busy = post("/api/v1/snapshots/jobs/" + jobId + ":release", TOKEN);

            assertThat(busy.statusCode()).isEqualTo(409);
            assertThat(busy.body()).contains("DISCOVERING");
            assertThat(store.find(jobId).orElseThrow().release()).isNull();
        } finally {
            worker.start();
        }
        await().until(() -> ENV.snapshotEvents(jobId, SnapshotsCreated.class), e -> !e.isEmpty());
    }
}
