package io.osmigration.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

import io.osmigration.events.AuditRecorded;

/**
 * Who did what, end to end: an operator token starts, pauses and cancels a batch on the all-in-one stack; the audit
 * trail (read through another service, as an admin) names the token for each, filters by actor and resource, and
 * {@code osm.audit} carries the records.
 */
@SuppressWarnings("unchecked")
class BatchAuditEndToEndTest {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };

    @Test
    void startingPausingAndCancellingABatchLeavesAuditRecordsNamingTheToken() {
        AllInOne stack = AllInOneStack.get();
        try (KafkaProbe kafka = new KafkaProbe(stack.infrastructure().kafkaBootstrapServers())) {
            String sourceId = importSource(DemoFleet.idOf("storage-centos7-kmod"));
            String requestId = "audit-" + UUID.randomUUID();
            // The executor learns of the source from osm.sources; the same requestId makes retrying harmless.
            Map<String, Object> batch = await().atMost(Duration.ofSeconds(60)).until(() -> submit(requestId, sourceId),
                    body -> body != null && body.get("batchId") != null);
            String batchId = (String) batch.get("batchId");
            operator().post().uri("/api/v1/migrations/{id}:pause", batchId).exchange().expectStatus().isOk();
            operator().post().uri("/api/v1/migrations/{id}:cancel", batchId).exchange().expectStatus().isOk();
            AllInOneStack.client(AllInOneConfig.EXECUTOR, AllInOneStack.VIEWER_TOKEN).post()
                    .uri("/api/v1/migrations/{id}:resume", batchId).exchange().expectStatus().isForbidden();

            List<Map<String, Object>> trail = await().atMost(Duration.ofSeconds(30))
                    .until(() -> audit("resource=" + batchId), records -> records.size() >= 4);
            assertThat(trail).extracting(r -> r.get("action"))
                    .containsExactlyInAnyOrder("batch.resume", "batch.cancel", "batch.pause", "batch.start");
            assertThat(trail).filteredOn(r -> !"batch.resume".equals(r.get("action"))).allSatisfy(record -> {
                assertThat(record).containsEntry("actor", "e2e-operator").containsEntry("role", "operator")
                        .containsEntry("outcome", "SUCCEEDED").containsEntry("resource", batchId)
                        .containsEntry("service", "migration-executor");
                assertThat((String) record.get("requestId")).isNotBlank();
                assertThat(record.get("clientAddress")).isEqualTo("127.0.0.1");
            });
            assertThat(trail).filteredOn(r -> "batch.resume".equals(r.get("action"))).singleElement()
                    .satisfies(r -> assertThat(r).containsEntry("actor", "e2e-viewer").containsEntry("outcome", "DENIED"));

            assertThat(audit("actor=e2e-operator&resource=" + batchId)).extracting(r -> r.get("action"))
                    .containsExactlyInAnyOrder("batch.cancel", "batch.pause", "batch.start");
            assertThat(audit("actor=admin&resource=" + batchId)).isEmpty();

            List<KafkaProbe.Observed> published = kafka.awaitEvents(batchId, Duration.ofSeconds(30), events -> events
                    .stream().filter(e -> e.event() instanceof AuditRecorded).count() >= 4);
            assertThat(published).filteredOn(e -> e.event() instanceof AuditRecorded)
                    .extracting(e -> ((AuditRecorded) e.event()).getActor() + " " + ((AuditRecorded) e.event()).getAction())
                    .contains("e2e-operator batch.start", "e2e-operator batch.pause", "e2e-operator batch.cancel",
                            "e2e-viewer batch.resume");
        }
    }

    private static org.springframework.test.web.reactive.server.WebTestClient operator() {
        return AllInOneStack.client(AllInOneConfig.EXECUTOR, AllInOneStack.OPERATOR_TOKEN);
    }

    private static String importSource(String instanceId) {
        Map<String, Object> imported = AllInOneStack.client(AllInOneConfig.SOURCE_REGISTRY, AllInOneStack.OPERATOR_TOKEN)
                .post().uri("/api/v1/sources/ecs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("regionId", "cn-hangzhou", "instanceIds", List.of(instanceId)))
                .exchange().expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody();
        return (String) ((List<Map<String, Object>>) imported.get("sources")).get(0).get("sourceId");
    }

    private static Map<String, Object> submit(String requestId, String sourceId) {
        return operator().post().uri("/api/v1/migrations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("requestId", requestId, "destinationOs", "anolis8", "drillMode", "DRILL_ONLY",
                        "acknowledgeRisks", true, "targets", List.of(Map.of("sourceId", sourceId))))
                .exchange().expectBody(MAP).returnResult().getResponseBody();
    }

    /** The audit trail as an admin sees it, through the source registry: every service shares it. */
    private static List<Map<String, Object>> audit(String query) {
        return AllInOneStack.client(AllInOneConfig.SOURCE_REGISTRY).get().uri("/api/v1/audit?" + query).exchange()
                .expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody();
    }
}
