package io.osmigration.platform;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.osmigration.events.SourceImported;
import io.osmigration.infra.EmbeddedInfrastructure;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.platform.facts.FactsMapping;
import io.osmigration.platform.facts.ServerFacts;
import io.osmigration.platform.kafka.EventPublisher;
import io.osmigration.platform.testapp.PlatformTestApplication;
import io.osmigration.schemas.EventCodec;

/**
 * One Spring context of the platform's test app for every platform integration test, on the shared infrastructure.
 * Its outbox relay polls once an hour, so what arrives came through a wake-up.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class PlatformTestBase {

    public static final EmbeddedInfrastructure INFRA = EmbeddedInfrastructure.shared();
    static final EventCodec CODEC = new EventCodec();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    MongoTemplate mongo;
    @Autowired
    EventPublisher publisher;
    @LocalServerPort
    int port;

    WebTestClient web() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    WebTestClient web(String token) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer " + token).build();
    }

    static ConsumerRecord<String, byte[]> awaitRecord(String topic, String key) {
        return awaitRecord(topic, record -> key.equals(record.key()));
    }

    /** The first record of {@code topic} (read from the beginning by a fresh consumer group) that {@code matches}. */
    static ConsumerRecord<String, byte[]> awaitRecord(String topic, Predicate<ConsumerRecord<String, byte[]>> matches) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = fromTheStart(topic)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                collect(consumer, matches, found);
                return !found.isEmpty();
            });
        }
        return found.get(0);
    }

    /** Every record with {@code key} that {@code topic} holds, read from its beginning for {@code within}. */
    static List<ConsumerRecord<String, byte[]>> recordsWithKey(String topic, String key, Duration within) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = fromTheStart(topic)) {
            long end = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < end) {
                collect(consumer, record -> key.equals(record.key()), found);
            }
        }
        return found;
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

    private static void collect(KafkaConsumer<String, byte[]> consumer,
                                Predicate<ConsumerRecord<String, byte[]>> matches,
                                List<ConsumerRecord<String, byte[]>> found) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
            if (matches.test(record)) {
                found.add(record);
            }
        });
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A SourceImported event for {@code sourceId} with a fresh event id. */
    public static SourceImported sourceImported(String sourceId) {
        ServerFacts facts = new ServerFacts("centos", "7", "CentOS Linux 7 (Core)", "x86_64", "3.10.0", "web-01", null,
                List.of("bash-4.2.46-35.el7_9.x86_64"), List.of(), List.of("base"), 20_000L, 400L, 4096L, true,
                Instant.parse("2026-11-01T00:00:00Z"));
        return SourceImported.newBuilder()
                .setHeader(EventHeaders.random("test", null, null, null, Instant.now()))
                .setSourceId(sourceId).setInstanceId("i-test").setRegionId("cn-hangzhou")
                .setImportMethod("ECS").setStatus("ONLINE").setFacts(FactsMapping.toAvro(facts)).build();
    }

    /**
     * Reads {@code topic} from the beginning until at least {@code expected} records with a matching key have come and
     * the consumer has reached the end of every partition, so copies sent later would be counted too.
     */
    public static List<ConsumerRecord<String, byte[]>> recordsUntilTheEnd(String topic, Predicate<String> key,
                                                                        int expected) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key() != null && key.test(record.key())) {
                        found.add(record);
                    }
                });
                return found.size() >= expected && atTheEnd(consumer);
            });
        }
        return found;
    }

    private static boolean atTheEnd(KafkaConsumer<String, byte[]> consumer) {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return false;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
        return assigned.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
    }
}
