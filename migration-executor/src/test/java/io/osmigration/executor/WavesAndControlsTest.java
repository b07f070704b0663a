package io.osmigration.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.osmigration.events.MigrationControlRequested;
import io.osmigration.events.MigrationFailed;
import io.osmigration.events.BatchPaused;
import io.osmigration.events.JobReleased;
import io.osmigration.platform.events.EventHeaders;

/** maxParallel waves, the failure threshold, pause/resume/cancel, and hands off the instance during MIGRATING. */
class WavesAndControlsTest extends ExecutorIntegrationTest {

    @BeforeEach
    void catalog() {
        awaitCatalog();
    }

    @Test
    void jobsAreReleasedInWavesOfMaxParallel() {
        List<String> instances = List.of(TestFleet.clean(8), TestFleet.clean(9), TestFleet.clean(10));
        Map<String, Object> body = new HashMap<>(batch(requestId(), "NONE", instances));
        body.put("maxParallel", 1);
        Map<String, Object> created = submit(body);
        String batchId = (String) created.get("batchId");
        assertThat(jobs(created)).extracting(j -> j.get("state")).containsExactly("PRECHECKING", "PENDING", "PENDING");

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(getBatch(batchId).get("state")).isEqualTo("COMPLETED"));
        List<String> jobIds = jobs(created).stream().map(j -> (String) j.get("jobId")).toList();
        // Each job is released only after the previous one finished.
        for (int i = 1; i < jobIds.size(); i++) {
            Instant previousDone = occurredAt(jobIds.get(i - 1), "MigrationCompleted");
            Instant released = occurredAt(jobIds.get(i), "JobReleased");
            assertThat(released).isAfterOrEqualTo(previousDone);
        }
        assertThat(jobs(getBatch(batchId))).extracting(j -> j.get("state")).containsOnly("COMPLETED");
    }

    @Test
    void failuresReachingTheThresholdPauseTheBatchUntilResumed() {
        Map<String, Object> body = new HashMap<>(batch(requestId(), "NONE",
                List.of(TestFleet.FAIL_UPGRADE_2, TestFleet.FAIL_UPGRADE_1)));
        body.put("maxParallel", 1);
        body.put("failureThresholdPercent", 50);
        String batchId = (String) submit(body).get("batchId");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Map<String, Object> batch = getBatch(batchId);
            assertThat(batch.get("state")).isEqualTo("PAUSED");
            assertThat((String) batch.get("reason")).contains("failure threshold of 50%");
        });
        assertThat(job(getBatch(batchId), TestFleet.FAIL_UPGRADE_1).get("state")).isEqualTo("PENDING");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(env.recorder.all()).anySatisfy(record -> {
            assertThat(record.key()).isEqualTo(batchId);
            assertThat(record.event()).isInstanceOfSatisfying(BatchPaused.class, paused -> {
                assertThat(paused.getBy()).isEqualTo("threshold");
                assertThat(paused.getReason()).contains("failure threshold of 50%");
            });
        }));

        client().post().uri("/api/v1/migrations/" + batchId + ":resume").exchange().expectStatus().isOk();
        awaitJobState(batchId, TestFleet.FAIL_UPGRADE_1, "ROLLED_BACK");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(getBatch(batchId).get("state")).isEqualTo("COMPLETED"));
        client().post().uri("/api/v1/migrations/" + batchId + ":resume").exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void pauseHoldsPendingJobsAndCancelEndsThem() {
        env.peers.holdSnapshotsOf(TestFleet.sourceId(TestFleet.clean(11)));
        Map<String, Object> body = new HashMap<>(batch(requestId(), "NONE",
                List.of(TestFleet.clean(11), TestFleet.clean(12))));
        body.put("maxParallel", 1);
        Map<String, Object> created = submit(body);
        String batchId = (String) created.get("batchId");
        String heldJob = (String) jobs(created).get(0).get("jobId");
        awaitJobState(batchId, TestFleet.clean(11), "SNAPSHOTTING");

        client().post().uri("/api/v1/migrations/" + batchId + ":pause").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("PAUSED");
        client().post().uri("/api/v1/migrations/" + batchId + ":pause").exchange().expectStatus().isEqualTo(409);

        client().post().uri("/api/v1/migrations/" + batchId + ":cancel").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("CANCELLED");
        Map<String, Object> batch = getBatch(batchId);
        assertThat(jobs(batch)).extracting(j -> j.get("state")).containsOnly("CANCELLED");

        // The snapshots of the cancelled job arrive late: the executor says the job is over, with nothing to roll back.
        env.peers.releaseSnapshots(heldJob);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(env.recorder.ofJob(heldJob))
                .anySatisfy(r -> {
                    assertThat(r.event()).isInstanceOf(MigrationFailed.class);
                    assertThat(((MigrationFailed) r.event()).getRollbackRequired()).isFalse();
                }));
        assertThat(env.recorder.ofJob((String) jobs(created).get(1).get("jobId")))
                .noneMatch(r -> r.event() instanceof JobReleased);
    }

    @Test
    void aJobIsCancelledThroughKafkaControl() {
        String instance = TestFleet.clean(7);
        env.peers.holdSnapshotsOf(TestFleet.sourceId(instance));
        Map<String, Object> created = submit(batch(requestId(), "NONE", List.of(instance)));
        String batchId = (String) created.get("batchId");
        String jobId = (String) jobs(created).get(0).get("jobId");
        awaitJobState(batchId, instance, "SNAPSHOTTING");

        env.peers.publisher().publish(TestFleet.sourceId(instance), MigrationControlRequested.newBuilder()
                .setHeader(EventHeaders.random("ops-portal", batchId, jobId, null, Instant.now()))
                .setBatchId(batchId).setJobId(jobId).setAction("CANCEL").setReason("change freeze").build()).join();

        Map<String, Object> job = awaitJobState(batchId, instance, "CANCELLED");
        assertThat(job.get("error")).isEqualTo("change freeze");
        client().post().uri("/api/v1/migrations/" + batchId + "/jobs/" + jobId + ":cancel").exchange()
                .expectStatus().isEqualTo(409);
    }

    @Test
    void anInstanceStoppedBysomeoneElseDuringTheMigrationFailsSafelyAndIsRolledBack() {
        String instance = TestFleet.clean(4);
        env.peers.holdSnapshotsOf(TestFleet.sourceId(instance));
        Map<String, Object> created = submit(batch(requestId(), "NONE", List.of(instance)));
        String batchId = (String) created.get("batchId");
        String jobId = (String) jobs(created).get(0).get("jobId");
        await().atMost(TIMEOUT).until(() -> env.peers.holds(jobId));
        env.simulator.engine().setInstanceStatus(instance, "Stopped");
        try {
            env.peers.releaseSnapshots(jobId);
            Map<String, Object> job = awaitJobState(batchId, instance, "ROLLED_BACK");
            assertThat((String) job.get("error")).contains("Stopped").contains("someone else");
            MigrationFailed failed = (MigrationFailed) env.recorder.ofJob(jobId).stream()
                    .filter(r -> r.event() instanceof MigrationFailed).findFirst().orElseThrow().event();
            assertThat(failed.getRollbackRequired()).isTrue();
            assertThat(failed.getReason()).contains("Stopped");
            assertThat(env.simulator.engine().calls("RunCommand", instance)).isEmpty();
        } finally {
            env.simulator.engine().setInstanceStatus(instance, "Running");
        }
    }

    private static Instant occurredAt(String jobId, String type) {
        return env.recorder.ofJob(jobId).stream().filter(r -> type.equals(r.type())).findFirst()
                .map(r -> EventHeaders.of(r.event()).getOccurredAt()).orElseThrow();
    }
}
