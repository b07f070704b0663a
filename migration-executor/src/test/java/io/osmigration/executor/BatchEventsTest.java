package io.osmigration.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.osmigration.events.BatchAccepted;
import io.osmigration.events.BatchCancelled;
import io.osmigration.events.BatchFinished;
import io.osmigration.events.BatchPaused;
import io.osmigration.events.BatchResumed;
import io.osmigration.events.MigrationControlRequested;
import io.osmigration.platform.events.EventHeaders;

/**
 * A batch tells what happens to it on osm.migrations, keyed by its id: accepted, paused and resumed (by whom),
 * cancelled, finished with the counts the API shows. A paused batch is not finished.
 */
class BatchEventsTest extends ExecutorIntegrationTest {

    @Test
    void aPausedBatchIsNotFinishedAndTheFinishedOneCarriesTheCountsTheApiShows() {
        String waiting = silent("i-bp1batchevents0001");
        Map<String, Object> body = new HashMap<>(Map.of("requestId", requestId(), "destinationOs", "anolis8",
                "acknowledgeRisks", true, "maxParallel", 1, "targets", List.of(Map.of("sourceId", waiting),
                        Map.of("sourceId", TestFleet.sourceId(TestFleet.PRECHECK_FAILS)))));
        Map<String, Object> created = submit(body);
        String batchId = (String) created.get("batchId");
        String waitingJob = (String) jobs(created).get(0).get("jobId");
        BatchAccepted accepted = awaitBatchEvent(batchId, BatchAccepted.class);
        assertThat(accepted.getTotal()).isEqualTo(2);
        assertThat(accepted.getMaxParallel()).isEqualTo(1);
        assertThat(accepted.getBy()).isEqualTo(TestEnvironment.TOKEN_NAME);

        client().post().uri("/api/v1/migrations/" + batchId + ":pause").exchange().expectStatus().isOk();
        assertThat(awaitBatchEvent(batchId, BatchPaused.class).getBy()).isEqualTo(TestEnvironment.TOKEN_NAME);
        client().post().uri("/api/v1/migrations/" + batchId + "/jobs/" + waitingJob + ":cancel").exchange()
                .expectStatus().isOk();

        // Paused with a job still pending: not finished, whatever the others did.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(batchEvents(batchId)).noneMatch(BatchFinished.class::isInstance));
        assertThat(getBatch(batchId)).containsEntry("state", "PAUSED").doesNotContainKey("finishedAt");

        client().post().uri("/api/v1/migrations/" + batchId + ":resume").exchange().expectStatus().isOk();
        assertThat(awaitBatchEvent(batchId, BatchResumed.class).getBy()).isEqualTo(TestEnvironment.TOKEN_NAME);
        BatchFinished finished = awaitBatchEvent(batchId, BatchFinished.class);

        Map<String, Object> shown = getBatch(batchId);
        assertThat(finished.getState()).isEqualTo("COMPLETED").isEqualTo(shown.get("state"));
        assertThat(finished.getTotal()).isEqualTo(2);
        assertThat(finished.getCounts()).isEqualTo(Map.of("CANCELLED", 1, "PRECHECK_FAILED", 1))
                .isEqualTo(shown.get("counts"));
        assertThat(batchEvents(batchId)).extracting(event -> event.getSchema().getName())
                .containsExactly("BatchAccepted", "BatchPaused", "BatchResumed", "BatchFinished");
    }

    @Test
    void controlsOverKafkaNameTheirSenderAndACancelledBatchFinishesCancelled() {
        String waiting = silent("i-bp1batchevents0002");
        Map<String, Object> created = submit(Map.of("requestId", requestId(), "destinationOs", "anolis8",
                "acknowledgeRisks", true, "targets", List.of(Map.of("sourceId", waiting))));
        String batchId = (String) created.get("batchId");

        control(batchId, "PAUSE", "maintenance window");
        BatchPaused paused = awaitBatchEvent(batchId, BatchPaused.class);
        assertThat(paused.getBy()).isEqualTo("/osmigration/ops-portal");
        assertThat(paused.getReason()).isEqualTo("maintenance window");
        control(batchId, "CANCEL", "change freeze");

        BatchCancelled cancelled = awaitBatchEvent(batchId, BatchCancelled.class);
        assertThat(cancelled.getBy()).isEqualTo("/osmigration/ops-portal");
        assertThat(cancelled.getReason()).isEqualTo("change freeze");
        BatchFinished finished = awaitBatchEvent(batchId, BatchFinished.class);
        assertThat(finished.getState()).isEqualTo("CANCELLED");
        assertThat(finished.getCounts()).isEqualTo(Map.of("CANCELLED", 1)).isEqualTo(getBatch(batchId).get("counts"));
    }

    private void control(String batchId, String action, String reason) {
        env.peers.publisher().publish(batchId, MigrationControlRequested.newBuilder()
                .setHeader(EventHeaders.random("ops-portal", batchId, null, null, Instant.now()))
                .setBatchId(batchId).setAction(action).setReason(reason).build()).join();
    }

    /** A source only source-registry knows yet, whose precheck never answers: its job stays PRECHECKING. */
    private static String silent(String instanceId) {
        String sourceId = TestFleet.sourceId(instanceId + UUID.randomUUID());
        env.registry.imported(sourceId, instanceId, TestFleet.REGION);
        env.peers.silencePrecheckOf(sourceId);
        return sourceId;
    }

    private static List<org.apache.avro.specific.SpecificRecord> batchEvents(String batchId) {
        return env.recorder.all().stream().filter(r -> "osm.migrations".equals(r.topic()) && batchId.equals(r.key())
                && r.event() != null && r.type().startsWith("Batch")).map(KafkaRecorder.Received::event).toList();
    }

    private static <T> T awaitBatchEvent(String batchId, Class<T> type) {
        await().atMost(TIMEOUT).until(() -> batchEvents(batchId).stream().anyMatch(type::isInstance));
        return type.cast(batchEvents(batchId).stream().filter(type::isInstance).findFirst().orElseThrow());
    }
}
