package io.osmigration.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

/** {@code GET /api/v1/migrations}: the batches newest first with their jobs counted per state, filtered and paged. */
class BatchListTest extends ExecutorIntegrationTest {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };

    @BeforeEach
    void catalog() {
        awaitCatalog();
    }

    @Test
    void listsBatchesNewestFirstWithTheirJobsCountedPerState() {
        String older = (String) submit(batch(requestId(), "NONE", List.of(TestFleet.PRECHECK_FAILS))).get("batchId");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(getBatch(older).get("state")).isEqualTo("COMPLETED"));
        String newer = (String) submit(batch(requestId(), "DRILL_ONLY", List.of(TestFleet.PRECHECK_FAILS))).get("batchId");

        List<Map<String, Object>> all = list("/api/v1/migrations?size=200");
        List<Object> ids = all.stream().map(batch -> batch.get("batchId")).toList();
        assertThat(ids).contains(older, newer);
        assertThat(ids.indexOf(newer)).as("newest first").isLessThan(ids.indexOf(older));
        Map<String, Object> finished = all.get(ids.indexOf(older));
        assertThat(finished).containsEntry("state", "COMPLETED").containsEntry("total", 1)
                .containsEntry("drillMode", "NONE").containsEntry("destinationOs", "anolis8")
                .containsEntry("counts", Map.of("PRECHECK_FAILED", 1));

        List<Map<String, Object>> completed = list("/api/v1/migrations?state=completed&size=200");
        assertThat(completed).extracting(batch -> batch.get("batchId")).contains(older);
        assertThat(completed).extracting(batch -> batch.get("state")).containsOnly("COMPLETED");
        assertThat(list("/api/v1/migrations?state=PAUSED&size=200")).extracting(batch -> batch.get("batchId"))
                .doesNotContain(older);
        assertThat(list("/api/v1/migrations?size=1")).hasSize(1);
        client().get().uri("/api/v1/migrations?size=1").exchange().expectStatus().isOk()
                .expectHeader().value("X-Total-Count", total -> assertThat(Long.parseLong(total)).isGreaterThanOrEqualTo(2));
    }

    @Test
    void aBadFilterOrPageIsRefusedNamingTheParameter() {
        client().get().uri("/api/v1/migrations?state=SOMEDAY").exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("state");
        client().get().uri("/api/v1/migrations?size=0").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
    }

    private List<Map<String, Object>> list(String uri) {
        return client().get().uri(uri).exchange().expectStatus().isOk().expectBody(LIST).returnResult()
                .getResponseBody();
    }
}
