package io.osmigration.platform;

import static org.awaitility.Awaitility.await;

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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.osmigration.events.SourceImported;
import io.osmigration.infra.EmbeddedInfrastructure;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.platform.facts.FactsMapping;
import io.osmigration.platform.facts.ServerFacts;
import io.osmigration.platform.testapp.PlatformTestApplication;

/**
 * The test application against the embedded Kafka broker and MongoDB server: one Spring context for all subclasses,
 * whose outbox relay polls once an hour (so what arrives came through a wake-up).
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class EmbeddedPlatformTest {

    public static final EmbeddedInfrastructure INFRA = EmbeddedInfrastructure.shared();

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

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) -> registry.add(key, () -> value));
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
