package io.osmigration.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import io.osmigration.executor.domain.Ids;

/** Requests that are wrong are refused with 400 problem+json naming each field, and change nothing. */
class BatchValidationTest extends ExecutorIntegrationTest {

    @BeforeEach
    void catalog() {
        awaitCatalog();
    }

    @Test
    void withoutRiskAcknowledgementNothingStarts() {
        String requestId = requestId();
        Map<String, Object> body = Map.of("requestId", requestId, "destinationOs", "anolis8", "acknowledgeRisks", false,
                "targets", List.of(Map.of("sourceId", TestFleet.sourceId(TestFleet.clean(3)))));
        client().post().uri("/api/v1/migrations").bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("acknowledgeRisks")
                .jsonPath("$.title").exists().jsonPath("$.status").isEqualTo(400).jsonPath("$.detail").exists();
        client().get().uri("/api/v1/migrations/" + Ids.batchId(requestId)).exchange().expectStatus().isNotFound();
        assertThat(mongo.getCollection("jobs").countDocuments(new org.bson.Document("batchId", Ids.batchId(requestId))))
                .isZero();
    }

    /** A body beyond the 256 KB codec default is read, so too many targets get the field's 400, not a bare 413. */
    @Test
    void aBatchLargerThanAllowedIsRefusedNamingTargetsEvenWhenItsBodyIsLarge() {
        String requestId = requestId();
        List<Map<String, String>> targets = java.util.stream.IntStream.range(0, 5_001)
                .mapToObj(i -> Map.of("sourceId", String.format("s-toomany%013d", i), "destinationOs", "anolis8"))
                .toList();
        client().post().uri("/api/v1/migrations").bodyValue(Map.of("requestId", requestId, "destinationOs", "anolis8",
                        "acknowledgeRisks", true, "targets", targets)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("targets")
                .jsonPath("$.errors[0].message").value(message -> assertThat(message.toString())
                        .contains("5001 sources; a batch may hold at most 5000"));
        client().get().uri("/api/v1/migrations/" + Ids.batchId(requestId)).exchange().expectStatus().isNotFound();
    }

    @Test
    void eachOffendingTargetIsNamed() {
        String known = TestFleet.sourceId(TestFleet.clean(3));
        Map<String, Object> body = Map.of("requestId", requestId(), "destinationOs", "anolis8", "acknowledgeRisks", true,
                "drillMode", "SOMETIMES",
                "targets", List.of(Map.of("sourceId", known), Map.of("sourceId", known),
                        Map.of("sourceId", "s-unknown0000000000000"),
                        Map.of("sourceId", TestFleet.sourceId(TestFleet.clean(4)), "destinationOs", "windows2022")));
        client().post().uri("/api/v1/migrations").bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'drillMode')]").exists()
                .jsonPath("$.errors[?(@.field == 'targets[1].sourceId')].message").value(messages ->
                        assertThat(messages.toString()).contains("more than once"))
                .jsonPath("$.errors[?(@.field == 'targets[2].sourceId')].message").value(messages ->
                        assertThat(messages.toString()).contains("unknown source"))
                .jsonPath("$.errors[?(@.field == 'targets[3].destinationOs')]").exists();
    }

    @Test
    void aDestinationOnlyExperimentalPathsLeadToIsRefusedSayingWhyAndTheCatalogueIsServed() {
        String requestId = requestId();
        client().post().uri("/api/v1/migrations").bodyValue(Map.of("requestId", requestId, "destinationOs", "alinux3",
                        "acknowledgeRisks", true,
                        "targets", List.of(Map.of("sourceId", TestFleet.sourceId(TestFleet.clean(3))))))
                .exchange().expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("destinationOs")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message)
                        .startsWith("MIGRATION_PATH_EXPERIMENTAL").contains("osm.migration.experimental-paths=true"));
        client().get().uri("/api/v1/migrations/" + Ids.batchId(requestId)).exchange().expectStatus().isNotFound();

        client().get().uri("/api/v1/migration-paths").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.experimentalPathsEnabled").isEqualTo(false)
                .jsonPath("$.paths.length()").isEqualTo(16)
                .jsonPath("$.paths[?(@.id == 'centos7-x86_64-anolis8')].tool").isEqualTo(List.of("leapp"))
                .jsonPath("$.paths[?(@.id == 'centos7-x86_64-anolis8')].reboots").isEqualTo(List.of(2))
                .jsonPath("$.paths[?(@.id == 'centos7-x86_64-alinux3')].offered").isEqualTo(List.of(false))
                .jsonPath("$.paths[?(@.id == 'centos8-x86_64-rhel8')].tool").isEqualTo(List.of("convert2rhel"));
    }

    @Test
    void emptyTargetsAndUnsupportedDestinationAreRefused() {
        client().post().uri("/api/v1/migrations").bodyValue(Map.of("requestId", requestId(), "destinationOs", "debian12",
                        "acknowledgeRisks", true, "targets", List.of()))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[?(@.field == 'targets')]").exists()
                .jsonPath("$.errors[?(@.field == 'destinationOs')]").exists();
    }

    @Test
    void malformedJsonIsA400Problem() {
        client().post().uri("/api/v1/migrations").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"targets\": 5")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void withoutTokenIs401() {
        org.springframework.test.web.reactive.server.WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .build().get().uri("/api/v1/migrations/b-x").exchange().expectStatus().isUnauthorized();
    }
}
