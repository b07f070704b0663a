package io.osmigration.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.osmigration.events.SourceImported;
import io.osmigration.infra.EmbeddedInfrastructure;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.platform.facts.FactsMapping;
import io.osmigration.platform.facts.ServerFacts;
import io.osmigration.platform.kafka.EventPublisher;
import io.osmigration.platform.kafka.KafkaEventsAutoConfiguration;
import io.osmigration.platform.outbox.OutboxMessage;
import io.osmigration.platform.outbox.OutboxRelay;
import io.osmigration.platform.testapp.PlatformTestApplication;
import io.osmigration.platform.testapp.Widget;
import io.osmigration.schemas.EventCodec;
import io.osmigration.schemas.Topic;
import io.osmigration.schemas.Topics;

/** The platform's wiring against a real Kafka broker and MongoDB wire-protocol server. */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlatformIntegrationTest {

    private static final EmbeddedInfrastructure INFRA = EmbeddedInfrastructure.shared();
    private static final EventCodec CODEC = new EventCodec();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    MongoTemplate mongo;
    @Autowired
    OutboxRelay relay;
    @Autowired
    EventPublisher publisher;
    @LocalServerPort
    int port;

    private WebTestClient web() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void outboxMessagesAreRelayedAsSingleObjectAvroWithCloudEventsHeadersAndRemoved() {
        SourceImported event = sourceImported("s-outbox-" + UUID.randomUUID());
        Widget widget = new Widget("w-" + UUID.randomUUID(), "first");
        widget.raise(OutboxMessage.of(event.getSourceId(), event));
        mongo.save(widget);
        relay.wakeUp();

        ConsumerRecord<String, byte[]> record = awaitRecord(Topics.SOURCES.name(), event.getSourceId());

        assertThat(record.value()[0]).isEqualTo((byte) 0xC3);
        assertThat(record.value()[1]).isEqualTo((byte) 0x01);
        assertThat(CODEC.decode(record.value())).isEqualTo(event);
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_id")).isEqualTo(event.getHeader().getEventId());
        assertThat(header(record, "ce_type")).isEqualTo("io.osmigration.events.SourceImported");
        assertThat(header(record, "ce_source")).isEqualTo("/osmigration/test");
        assertThat(header(record, "content-type")).isEqualTo("application/avro");
        await().untilAsserted(() -> assertThat(mongo.findById(widget.id(), Document.class, "widgets")
                .getList("outbox", Document.class)).isEmpty());
    }

    @Test
    void garbageOnEveryConsumedTopicIsDeadLetteredWithItsReasonAndConsumptionGoesOn() {
        for (Topic topic : Topics.all()) {
            String key = "garbage-" + UUID.randomUUID();
            produceRaw(topic.name(), key, "definitely not avro".getBytes(StandardCharsets.UTF_8));

            ConsumerRecord<String, byte[]> dead = awaitRecord(topic.deadLetterTopic(), key);

            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("definitely not avro");
            assertThat(header(dead, KafkaEventsAutoConfiguration.DLT_REASON_HEADER))
                    .contains("Not Avro single-object encoding");
            assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(topic.name());
        }
        SourceImported afterGarbage = sourceImported("s-after-" + UUID.randomUUID());
        publisher.publish(afterGarbage.getSourceId(), afterGarbage);
        await().untilAsserted(() -> assertThat(effectsOf(afterGarbage)).isEqualTo(1));
    }

    @Test
    void anEventThatCannotBeActedOnIsDeadLetteredWithoutRetries() {
        SourceImported invalid = sourceImported("s-invalid");
        publisher.publish(invalid.getSourceId(), invalid);

        ConsumerRecord<String, byte[]> dead = awaitRecord(Topics.SOURCES.deadLetterTopic(), "s-invalid");

        assertThat(header(dead, KafkaEventsAutoConfiguration.DLT_REASON_HEADER))
                .isEqualTo("InvalidEventException: source s-invalid is not acceptable");
        assertThat(CODEC.decode(dead.value())).isEqualTo(invalid);
    }

    @Test
    void aTransientFailureIsRetriedWithBackOffUntilItClearsAndIsNotDeadLettered() {
        // The listener fails more often than the quick retries (retry-attempts: 1) would allow: only the transient
        // back-off (transient-retry-*) gets it through.
        SourceImported flaky = sourceImported("s-flaky-" + UUID.randomUUID());
        publisher.publish(flaky.getSourceId(), flaky).join();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(effectsOf(flaky)).isEqualTo(1));
        assertThat(recordsWithKey(Topics.SOURCES.deadLetterTopic(), flaky.getSourceId(), Duration.ofSeconds(1)))
                .isEmpty();
    }

    @Test
    void theSameEventDeliveredTwiceHasOneEffect() {
        SourceImported event = sourceImported("s-twice-" + UUID.randomUUID());
        publisher.publish(event.getSourceId(), event).join();
        publisher.publish(event.getSourceId(), event).join();
        SourceImported marker = sourceImported(event.getSourceId());
        publisher.publish(marker.getSourceId(), marker).join();

        await().untilAsserted(() -> assertThat(effectsOf(marker)).isEqualTo(1));
        assertThat(effectsOf(event)).isEqualTo(1);
        assertThat(mongo.count(new Query(Criteria.where("eventId").is(event.getHeader().getEventId())),
                "processed_events")).isEqualTo(1);
    }

    @Test
    void apiNeedsABearerTokenAndAnswersProblemJson() {
        WebTestClient web = web();
        web.get().uri("/api/test/widgets/w1").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401).jsonPath("$.title").isEqualTo("Unauthorized");
        web.get().uri("/api/test/widgets/w1").header("Authorization", "Bearer wrong").exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.detail").isEqualTo("The bearer token is not valid");
        web.get().uri("/api/test/widgets/w1").header("Authorization", "Bearer test-token").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("Widget w1 does not exist");
        web.get().uri("/api/public/ping").exchange().expectStatus().isOk();
        web.get().uri("/api/test/widgets/w1/public").exchange().expectStatus().isOk();
        web.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void validationFailuresNameEachField() {
        WebTestClient web = web();
        web.post().uri("/api/test/widgets").header("Authorization", "Bearer test-token")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "", "size", 11)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Invalid request")
                .jsonPath("$.errors[?(@.field == 'name')]").exists()
                .jsonPath("$.errors[?(@.field == 'size')]").exists();
        web.post().uri("/api/test/widgets").header("Authorization", "Bearer test-token")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{not json").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private long effectsOf(SourceImported event) {
        return mongo.count(new Query(Criteria.where("event").is(event.toString())), "effects");
    }

    static SourceImported sourceImported(String sourceId) {
        ServerFacts facts = new ServerFacts("centos", "7", "CentOS Linux 7 (Core)", "x86_64", "3.10.0", "web-01", null,
                List.of("bash-4.2.46-35.el7_9.x86_64"), List.of(), List.of("base"), 20_000L, 400L, 4096L, true,
                Instant.parse("2026-11-01T00:00:00Z"));
        return SourceImported.newBuilder()
                .setHeader(EventHeaders.random("test", null, null, null, Instant.now()))
                .setSourceId(sourceId).setInstanceId("i-test").setRegionId("cn-hangzhou")
                .setImportMethod("ECS").setStatus("ONLINE").setFacts(FactsMapping.toAvro(facts)).build();
    }

    private static void produceRaw(String topic, String key, byte[] value) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, key, value));
        }
    }

    /** The records with {@code key} that {@code topic} holds, read from its beginning for {@code within}. */
    static List<ConsumerRecord<String, byte[]>> recordsWithKey(String topic, String key, Duration within) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = fromTheStart(topic)) {
            long end = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < end) {
                collect(consumer, key, found);
            }
        }
        return found;
    }

    static ConsumerRecord<String, byte[]> awaitRecord(String topic, String key) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = fromTheStart(topic)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                collect(consumer, key, found);
                return !found.isEmpty();
            });
        }
        return found.get(0);
    }

    private static KafkaConsumer<String, byte[]> fromTheStart(String topic) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static void collect(KafkaConsumer<String, byte[]> consumer, String key,
                                List<ConsumerRecord<String, byte[]>> found) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
            if (key.equals(record.key())) {
                found.add(record);
            }
        });
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
