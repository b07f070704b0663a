package io.osmigration.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.osmigration.events.SourceImported;
import io.osmigration.platform.kafka.KafkaEventsAutoConfiguration;
import io.osmigration.platform.outbox.OutboxMessage;
import io.osmigration.platform.testapp.Widget;
import io.osmigration.schemas.Topic;
import io.osmigration.schemas.Topics;

/** The platform's wiring against a real Kafka broker and MongoDB wire-protocol server. */
class PlatformIntegrationTest extends PlatformTestBase {

    @Test
    void savedOutboxMessagesAreRelayedAsSingleObjectAvroWithCloudEventsHeadersAndRemoved() {
        SourceImported event = sourceImported("s-outbox-" + UUID.randomUUID());
        Widget widget = new Widget("w-" + UUID.randomUUID(), "first");
        widget.raise(OutboxMessage.of(event.getSourceId(), event));

        // No relay.wakeUp(), and the relay polls once an hour here: the save itself wakes it.
        mongo.save(widget);

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
            assertKeepsTheOriginButNoStackTrace(dead, topic.name());
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
        assertKeepsTheOriginButNoStackTrace(dead, Topics.SOURCES.name());
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

    /** Where the record came from and why it failed, but nothing a stack trace would tell. */
    private static void assertKeepsTheOriginButNoStackTrace(ConsumerRecord<String, byte[]> dead, String topic) {
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(topic);
        assertThat(header(dead, "kafka_dlt-original-partition")).isNotNull();
        assertThat(header(dead, "kafka_dlt-original-offset")).isNotNull();
        assertThat(dead.headers().lastHeader("kafka_dlt-exception-stacktrace")).isNull();
        for (Header h : dead.headers()) {
            String value = new String(h.value(), StandardCharsets.ISO_8859_1);
            assertThat(value).as("header %s", h.key()).doesNotContain("\tat ").doesNotContain("at io.osmigration.")
                    .doesNotContain("at org.springframework.");
        }
    }

    private long effectsOf(SourceImported event) {
        return mongo.count(new Query(Criteria.where("event").is(event.toString())), "effects");
    }

    static void produceRaw(String topic, String key, byte[] value) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, key, value));
        }
    }
}
