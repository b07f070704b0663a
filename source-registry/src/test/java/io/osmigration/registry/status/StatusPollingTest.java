package io.osmigration.registry.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;

import io.osmigration.events.SourceImported;
import io.osmigration.events.SourceStatusChanged;
import io.osmigration.registry.IntegrationTest;
import io.osmigration.registry.source.SourceDocument;
import io.osmigration.registry.source.domain.SourceIds;
import io.osmigration.schemas.EventCodec;

import tools.jackson.databind.JsonNode;

class StatusPollingTest extends IntegrationTest {

    private static final String POLLED = "i-bp1demo000000000003";
    private static final String AGENT_ABSENT = "i-bp1demo000000000016";
    private final EventCodec codec = new EventCodec();

    @Test
    void instanceWithoutAgentIsImportedOfflineWithTheReason() {
        try (KafkaConsumer<String, byte[]> consumer = sourcesConsumerAtEnd()) {
            JsonNode body = json(client().post().uri("/api/v1/sources/ecs").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("regionId", DEMO_REGION, "instanceIds", List.of(AGENT_ABSENT))).exchange()
                    .expectStatus().isCreated().expectBody().returnResult().getResponseBody());
            assertThat(body.get("sources").get(0).get("status").asString()).isEqualTo("OFFLINE");
            String sourceId = SourceIds.forEcs(DEMO_REGION, AGENT_ABSENT);
            JsonNode view = json(client().get().uri("/api/v1/sources/{id}", sourceId).exchange().expectStatus().isOk()
                    .expectBody().returnResult().getResponseBody());
            assertThat(view.get("statusReason").asString()).contains("Cloud Assistant");
            assertThat(view.get("os").get("id").asString()).isEqualTo("centos");
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                drain(consumer, records);
                assertThat(records).filteredOn(r -> r.key().equals(sourceId))
                        .extracting(r -> codec.decode(r.value()))
                        .anySatisfy(event -> {
                            assertThat(event).isInstanceOf(SourceImported.class);
                            assertThat(((SourceImported) event).getStatus()).isEqualTo("OFFLINE");
                            assertThat(((SourceImported) event).getStatusReason()).contains("Cloud Assistant");
                        });
            });
        }
    }

    @Test
    void agentStoppingAndStartingEmitsSourceStatusChanged() {
        String sourceId = SourceIds.forEcs(DEMO_REGION, POLLED);
        client().post().uri("/api/v1/sources/ecs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("regionId", DEMO_REGION, "instanceIds", List.of(POLLED))).exchange()
                .expectStatus().isCreated();
        assertThat(status(sourceId)).isEqualTo("ONLINE");
        try (KafkaConsumer<String, byte[]> consumer = sourcesConsumerAtEnd()) {
            simulatorPost("/_sim/instances/" + POLLED + "/cloud-assistant?online=false");
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            try {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    drain(consumer, records);
                    assertThat(changes(records, sourceId)).anySatisfy(change -> {
                        assertThat(change.getPreviousStatus()).isEqualTo("ONLINE");
                        assertThat(change.getStatus()).isEqualTo("OFFLINE");
                        assertThat(change.getInstanceId()).isEqualTo(POLLED);
                        assertThat(change.getReason()).contains("Cloud Assistant");
                    });
                });
                assertThat(status(sourceId)).isEqualTo("OFFLINE");
                JsonNode offline = json(client().get().uri("/api/v1/sources?status=OFFLINE&region=" + DEMO_REGION
                        + "&size=500").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
                assertThat(offline.toString()).contains(sourceId);
            } finally {
                simulatorPost("/_sim/instances/" + POLLED + "/cloud-assistant?online=true");
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                drain(consumer, records);
                assertThat(changes(records, sourceId)).anySatisfy(change ->
                        assertThat(change.getStatus()).isEqualTo("ONLINE"));
            });
        }
    }

    @Test
    void scriptImportedSourceGoesOfflineWithoutHeartbeatsAndComesBackWithOne() {
        JsonNode created = json(client().post().uri("/api/v1/activation-codes").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("quota", 2)).exchange().expectStatus().isCreated().expectBody().returnResult()
                .getResponseBody());
        String code = created.get("code").asString();
        String facts = "==osm:os-release==\nID=centos\nVERSION_ID=7\n==osm:machine-id==\nheartbeat-machine\n==osm:end==\n";
        String sourceId = json(anonymousClient().post().uri("/api/v1/sources/activate")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("activationCode", code, "facts", facts))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody())
                .get("sourceId").asString();
        try (KafkaConsumer<String, byte[]> consumer = sourcesConsumerAtEnd()) {
            // As if the last heartbeat was an hour ago (the timeout is 15 minutes).
            mongo.updateFirst(Query.query(Criteria.where("_id").is(sourceId)),
                    new Update().set("lastSeenAt", Instant.now().minus(Duration.ofHours(1))), SourceDocument.class);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                drain(consumer, records);
                assertThat(changes(records, sourceId)).anySatisfy(change -> {
                    assertThat(change.getStatus()).isEqualTo("OFFLINE");
                    assertThat(change.getReason()).startsWith("no heartbeat since");
                });
            });

            anonymousClient().post().uri("/api/v1/sources/heartbeat").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("sourceId", sourceId, "activationCode", code)).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("ONLINE");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                drain(consumer, records);
                assertThat(changes(records, sourceId)).anySatisfy(change -> {
                    assertThat(change.getPreviousStatus()).isEqualTo("OFFLINE");
                    assertThat(change.getStatus()).isEqualTo("ONLINE");
                });
            });
            assertThat(status(sourceId)).isEqualTo("ONLINE");
        }

        String otherCode = json(client().post().uri("/api/v1/activation-codes").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("quota", 1)).exchange().expectStatus().isCreated().expectBody().returnResult()
                .getResponseBody()).get("code").asString();
        anonymousClient().post().uri("/api/v1/sources/heartbeat").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sourceId", sourceId, "activationCode", otherCode)).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void listFiltersByOsAndPages() {
        client().post().uri("/api/v1/sources/ecs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("regionId", DEMO_REGION, "instanceIds",
                        List.of("i-bp1demo000000000005", "i-bp1demo000000000006", "i-bp1demo000000000007")))
                .exchange().expectStatus().isCreated();
        JsonNode rhel = json(client().get().uri("/api/v1/sources?os=rhel&size=500").exchange().expectStatus().isOk()
                .expectHeader().exists("X-Total-Count").expectBody().returnResult().getResponseBody());
        assertThat(rhel).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(source -> assertThat(source.get("os").get("id").asString()).isEqualTo("rhel"));
        JsonNode page = json(client().get().uri("/api/v1/sources?size=1&page=1").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());
        assertThat(page).hasSize(1);
        JsonNode source = page.get(0);
        assertThat(source.has("sourceId")).isTrue();
        assertThat(source.has("hostname")).isTrue();
        assertThat(source.has("importedAt")).isTrue();
        client().get().uri("/api/v1/sources?size=0").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
        client().get().uri("/api/v1/sources?status=SLEEPING").exchange().expectStatus().isBadRequest();
        client().get().uri("/api/v1/sources/s-00000000000000000000").exchange().expectStatus().isNotFound();
    }

    private String status(String sourceId) {
        return mongo.findById(sourceId, SourceDocument.class).getStatus().name();
    }

    private List<SourceStatusChanged> changes(List<ConsumerRecord<String, byte[]>> records, String sourceId) {
        return records.stream().filter(r -> r.key().equals(sourceId)).map(r -> codec.decode(r.value()))
                .filter(SourceStatusChanged.class::isInstance).map(SourceStatusChanged.class::cast).toList();
    }
}
