package io.osmigration.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

/** Live status as SSE from the stored events, resumable with Last-Event-ID. */
class EventStreamTest extends ExecutorIntegrationTest {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };

    @BeforeEach
    void catalog() {
        awaitCatalog();
    }

    @Test
    void aBatchStreamTellsTheJobsStoryAndResumes() {
        Map<String, Object> created = submit(batch(requestId(), "NONE", List.of(TestFleet.clean(3))));
        String batchId = (String) created.get("batchId");
        String jobId = (String) jobs(created).get(0).get("jobId");
        awaitJobState(batchId, TestFleet.clean(3), "COMPLETED");

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(getBatch(batchId).get("finishedAt")).isNotNull());

        List<ServerSentEvent<String>> events = read("/api/v1/migrations/" + batchId + "/events", null, 11);
        assertThat(events).extracting(ServerSentEvent::event).containsExactlyInAnyOrder("BatchAccepted",
                "JobReleased", "PrecheckPassed", "SnapshotsCreated", "MigrationStepDone", "MigrationStepDone",
                "MigrationStepDone", "MigrationStepDone", "MigrationStepDone", "MigrationCompleted", "BatchFinished");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.id()).isNotBlank();
            assertThat(event.data()).startsWith("{").contains("\"batchId\":\"" + batchId + "\"");
        });
        assertThat(events).filteredOn(event -> !event.event().startsWith("Batch")).allSatisfy(event ->
                assertThat(event.data()).contains("\"jobId\":\"" + jobId + "\""));

        List<ServerSentEvent<String>> resumed = read("/api/v1/migrations/" + batchId + "/events", events.get(2).id(), 8);
        assertThat(resumed).extracting(ServerSentEvent::id)
                .containsExactlyElementsOf(events.subList(3, 11).stream().map(ServerSentEvent::id).toList());

        List<ServerSentEvent<String>> all = read("/api/v1/events", null, 1);
        assertThat(all).hasSize(1);

        // From now: a ready event, then only what comes later (this batch's history is not replayed).
        List<ServerSentEvent<String>> fromNow = read("/api/v1/migrations/" + batchId + "/events?from=now", null, 1);
        assertThat(fromNow).extracting(ServerSentEvent::event).containsExactly("ready");
        assertThat(fromNow.get(0).data()).matches("\\{\"seq\":[0-9]+}");
        client().get().uri("/api/v1/migrations/" + batchId + "/events?from=yesterday")
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isBadRequest();
        Map<String, Object> summary = client().get().uri("/api/v1/migrations/" + batchId + "?jobs=false").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(summary).doesNotContainKey("jobs").containsEntry("counts", Map.of("COMPLETED", 1));
        client().get().uri("/api/v1/migrations/" + batchId + "?jobs=maybe").exchange().expectStatus().isBadRequest();
    }

    @Test
    void anUnknownBatchStreamIs404() {
        client().get().uri("/api/v1/migrations/b-00000000000000000000/events").accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isNotFound();
    }

    private List<ServerSentEvent<String>> read(String path, String lastEventId, int count) {
        var request = client().get().uri(path).accept(MediaType.TEXT_EVENT_STREAM);
        if (lastEventId != null) {
            request = request.header("Last-Event-ID", lastEventId);
        }
        return request.exchange().expectStatus().isOk().returnResult(SSE).getResponseBody().take(count)
                .collectList().block(Duration.ofSeconds(20));
    }
}
