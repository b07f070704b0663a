package io.osmigration.registry.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;

import io.osmigration.events.SourceImported;
import io.osmigration.registry.IntegrationTest;
import io.osmigration.registry.source.SourceDocument;
import io.osmigration.registry.source.domain.SourceIds;
import io.osmigration.schemas.EventCodec;

import tools.jackson.databind.JsonNode;

class EcsImportTest extends IntegrationTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void importsDemoInstancesWithCollectedFactsAndPublishesSourceImported() {
        try (KafkaConsumer<String, byte[]> consumer = sourcesConsumerAtEnd()) {
            JsonNode body = importEcs(DEMO_REGION, List.of(DEMO_1, DEMO_2));
            String id1 = SourceIds.forEcs(DEMO_REGION, DEMO_1);
            String id2 = SourceIds.forEcs(DEMO_REGION, DEMO_2);
            assertThat(body.get("sources")).hasSize(2);
            assertThat(body.get("sources").get(0).get("sourceId").asString()).isEqualTo(id1);
            assertThat(body.get("sources").get(0).get("instanceId").asString()).isEqualTo(DEMO_1);
            assertThat(body.get("sources").get(0).get("status").asString()).isEqualTo("ONLINE");

            SourceDocument stored = mongo.findById(id1, SourceDocument.class);
            assertThat(stored).isNotNull();
            assertThat(stored.getFacts().osId()).isEqualTo("centos");
            assertThat(stored.getFacts().osVersionId()).isEqualTo("7");
            // the newest kernel of the real centos7-server listing, which the simulated host boots
            assertThat(stored.getFacts().kernel()).isEqualTo("3.10.0-1160.92.1.el7.x86_64");
            assertThat(stored.getFacts().packages()).contains("bash-4.2.46-35.el7_9.x86_64");
            assertThat(mongo.findById(id2, SourceDocument.class).getFacts().arch()).isEqualTo("aarch64");

            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                drain(consumer, records);
                assertThat(records).extracting(ConsumerRecord::key).contains(id1, id2);
            });
            ConsumerRecord<String, byte[]> record = records.stream().filter(r -> r.key().equals(id1)).findFirst().orElseThrow();
            assertThat(record.value()[0]).isEqualTo((byte) 0xC3);
            assertThat(record.value()[1]).isEqualTo((byte) 0x01);
            Map<String, String> headers = headers(record);
            assertThat(headers).containsEntry("ce_specversion", "1.0").containsEntry("ce_type",
                    "io.osmigration.events.SourceImported").containsKeys("ce_id", "ce_source", "ce_time");
            SourceImported event = (SourceImported) codec.decode(record.value());
            assertThat(event.getSourceId()).isEqualTo(id1);
            assertThat(event.getImportMethod()).isEqualTo("ECS");
            assertThat(event.getStatus()).isEqualTo("ONLINE");
            assertThat(event.getFacts().getOsId()).isEqualTo("centos");
            assertThat(event.getFacts().getPackages()).contains("bash-4.2.46-35.el7_9.x86_64");
            assertThat(event.getHeader().getProducer()).isEqualTo("source-registry");
            assertThat(headers.get("ce_id")).isEqualTo(event.getHeader().getEventId());
        }
    }

    @Test
    void reImportUpdatesTheSameSourceAndPublishesANewEvent() {
        String id = SourceIds.forEcs(DEMO_REGION, DEMO_1);
        importEcs(DEMO_REGION, List.of(DEMO_1));
        try (KafkaConsumer<String, byte[]> consumer = sourcesConsumerAtEnd()) {
            importEcs(DEMO_REGION, List.of(DEMO_1));
            assertThat(mongo.count(Query.query(Criteria.where("instanceId").is(DEMO_1)), SourceDocument.class))
                    .isEqualTo(1);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                drain(consumer, records);
                assertThat(records).filteredOn(r -> r.key().equals(id))
                        .anyMatch(r -> codec.decode(r.value()) instanceof SourceImported);
            });
        }
    }

    @Test
    void unknownInstanceIdsAre404NamingEachAndStoreNothing() {
        String known = DEMO_2;
        byte[] body = client().post().uri("/api/v1/sources/ecs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("regionId", DEMO_REGION, "instanceIds", List.of(known, "i-nope000000000001", "i-nope000000000002")))
                .exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody();
        JsonNode problem = json(body);
        assertThat(problem.get("detail").asString()).contains("i-nope000000000001", "i-nope000000000002");
        assertThat(problem.get("errors")).extracting(error -> error.get("field").asString())
                .containsExactly("instanceIds[1]", "instanceIds[2]");
        assertThat(mongo.findById(SourceIds.forEcs(DEMO_REGION, "i-nope000000000001"), SourceDocument.class)).isNull();
    }

    @Test
    void withoutATokenIs401AndChangesNothing() {
        anonymousClient().post().uri("/api/v1/sources/ecs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("regionId", DEMO_REGION, "instanceIds", List.of("i-bp1demo000000000003")))
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        anonymousClient().get().uri("/api/v1/sources").exchange().expectStatus().isUnauthorized();
        assertThat(mongo.findById(SourceIds.forEcs(DEMO_REGION, "i-bp1demo000000000003"), SourceDocument.class))
                .isNull();
    }

    @Test
    void malformedRequestNamesTheField() {
        byte[] body = client().post().uri("/api/v1/sources/ecs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("regionId", DEMO_REGION, "instanceIds", List.of()))
                .exchange().expectStatus().isBadRequest().expectBody().returnResult().getResponseBody();
        assertThat(json(body).get("errors").get(0).get("field").asString()).isEqualTo("instanceIds");
    }

    @Test
    void importsTwoHundredFiftyInstancesInOneRequestWithBatchedCalls() {
        List<String> ids = IntStream.range(0, BULK_COUNT).mapToObj(IntegrationTest::bulkInstanceId).toList();
        long started = System.nanoTime();
        JsonNode body = importEcs(BULK_REGION, ids);
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        System.out.println("ECS import of " + BULK_COUNT + " instances took " + millis + " ms");
        assertThat(body.get("sources")).hasSize(BULK_COUNT);
        assertThat(mongo.count(Query.query(Criteria.where("regionId").is(BULK_REGION)), SourceDocument.class))
                .isEqualTo(BULK_COUNT);
        assertThat(mongo.count(Query.query(Criteria.where("regionId").is(BULK_REGION).and("status").is("ONLINE")),
                SourceDocument.class)).isEqualTo(BULK_COUNT / BULK_ONLINE_EVERY);
        SourceDocument offline = mongo.findById(SourceIds.forEcs(BULK_REGION, bulkInstanceId(1)), SourceDocument.class);
        assertThat(offline.getStatus().name()).isEqualTo("OFFLINE");
        assertThat(offline.getStatusReason()).contains("Cloud Assistant");

        JsonNode describes = simulatorGet("/_sim/calls?action=DescribeInstances");
        List<JsonNode> bulkDescribes = new ArrayList<>();
        describes.forEach(call -> {
            if (call.toString().contains(BULK_REGION)) {
                bulkDescribes.add(call);
            }
        });
        assertThat(bulkDescribes).hasSize(3);
        assertThat(bulkDescribes).allSatisfy(call -> assertThat(call.get("instanceIds").size()).isLessThanOrEqualTo(100));
        JsonNode statuses = simulatorGet("/_sim/calls?action=DescribeCloudAssistantStatus");
        assertThat(statuses.toString()).contains(bulkInstanceId(BULK_COUNT - 1));
        statuses.forEach(call -> assertThat(call.get("instanceIds").size()).isLessThanOrEqualTo(50));
        JsonNode runs = simulatorGet("/_sim/calls?action=RunCommand");
        assertThat(runs.toString()).contains(bulkInstanceId(0));
    }

    private JsonNode importEcs(String region, List<String> ids) {
        byte[] body = client().post().uri("/api/v1/sources/ecs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("regionId", region, "instanceIds", ids))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return json(body);
    }
}
