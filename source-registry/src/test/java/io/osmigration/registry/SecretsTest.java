package io.osmigration.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

import io.osmigration.infra.EmbeddedInfrastructure;
import io.osmigration.schemas.Topics;

/** Activation codes and the AccessKey secret never reach logs, events or API responses. */
@ExtendWith(OutputCaptureExtension.class)
class SecretsTest extends IntegrationTest {

    @Test
    void noSecretInLogsEventsOrResponses(CapturedOutput output) throws Exception {
        List<String> responses = new ArrayList<>();
        byte[] created = client().post().uri("/api/v1/activation-codes").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("quota", 1)).exchange().expectStatus().isCreated().expectBody().returnResult()
                .getResponseBody();
        String code = json(created).get("code").asString();
        String facts = "==osm:os-release==\nID=centos\nVERSION_ID=7\n==osm:machine-id==\nsecrets-machine\n==osm:end==\n";
        responses.add(exchange("/api/v1/sources/activate", Map.of("activationCode", code, "facts", facts), false));
        String sourceId = json(responses.get(0).getBytes(StandardCharsets.UTF_8)).get("sourceId").asString();
        // Refusals and failures say what went wrong without echoing the code.
        responses.add(exchange("/api/v1/sources/activate", Map.of("activationCode", code, "facts", facts.replace(
                "secrets-machine", "secrets-machine-2")), false));
        responses.add(exchange("/api/v1/sources/activate", Map.of("activationCode", code + "x", "facts", facts), false));
        responses.add(exchange("/api/v1/sources/heartbeat", Map.of("sourceId", sourceId, "activationCode", code), false));
        responses.add(exchange("/api/v1/sources/ecs", Map.of("regionId", DEMO_REGION, "instanceIds",
                List.of(DEMO_1, "i-missing00000000001")), true));
        responses.add(exchange("/api/v1/sources/ecs", Map.of("regionId", DEMO_REGION, "instanceIds", List.of(DEMO_2)),
                true));
        responses.add(new String(client().get().uri("/api/v1/sources?size=500").exchange().expectBody().returnResult()
                .getResponseBody(), StandardCharsets.UTF_8));
        responses.add(new String(client().get().uri("/api/v1/activation-codes").exchange().expectBody().returnResult()
                .getResponseBody(), StandardCharsets.UTF_8));
        responses.add(new String(anonymousClient().get().uri("/api/v1/import.sh").exchange().expectBody().returnResult()
                .getResponseBody(), StandardCharsets.UTF_8));

        assertThat(String.join("\n", responses)).doesNotContain(code).doesNotContain(ACCESS_KEY_SECRET);
        await().atMost(Duration.ofSeconds(30)).until(() -> allSourceEvents().contains(sourceId));
        String events = allSourceEvents();
        assertThat(events).doesNotContain(code).doesNotContain(ACCESS_KEY_SECRET);
        assertThat(output.getAll()).contains("Activation code ac-").contains("Source " + sourceId)
                .doesNotContain(code).doesNotContain(ACCESS_KEY_SECRET);
    }

    private String exchange(String path, Map<String, Object> body, boolean withToken) {
        byte[] response = (withToken ? client() : anonymousClient()).post().uri(path)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectBody().returnResult()
                .getResponseBody();
        return response == null ? "" : new String(response, StandardCharsets.UTF_8);
    }

    /** Every record on osm.sources so far, keys, headers and values, as text (Latin-1 keeps every byte). */
    private static String allSourceEvents() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfrastructure.shared().kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "registry-secrets-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        StringBuilder text = new StringBuilder();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SOURCES.name(), Duration.ofSeconds(30))
                    .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline
                    && partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    text.append(record.key()).append(' ');
                    record.headers().forEach(h -> text.append(new String(h.value(), StandardCharsets.ISO_8859_1)));
                    text.append(new String(record.value(), StandardCharsets.ISO_8859_1)).append('\n');
                }
            }
        }
        return text.toString();
    }
}
