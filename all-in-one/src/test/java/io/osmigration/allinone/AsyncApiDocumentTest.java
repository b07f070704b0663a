package io.osmigration.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.osmigration.platform.kafka.CloudEventHeaders;
import io.osmigration.platform.kafka.KafkaEventsAutoConfiguration;
import io.osmigration.schemas.Topic;
import io.osmigration.schemas.Topics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code docs/asyncapi.yaml} says what the code does on Kafka: exactly the topics and event types of the
 * {@link Topics} catalogue with their keys, each payload the event's Avro schema, the CloudEvents headers the platform
 * writes, and a dead-letter channel per topic with the platform's reason header.
 */
class AsyncApiDocumentTest {

    private static final Path DOCS = Path.of("..", "docs");
    private static JsonNode document;

    @BeforeAll
    static void read() throws IOException {
        document = new YAMLMapper().readTree(Files.readString(DOCS.resolve("asyncapi.yaml")));
    }

    @Test
    void itIsAsyncApi3AndListsExactlyTheCataloguesTopicsEachWithItsDeadLetterTopic() {
        assertThat(document.path("asyncapi").asString()).isEqualTo("3.0.0");
        Set<String> topics = new TreeSet<>();
        Set<String> deadLetters = new TreeSet<>();
        for (JsonNode channel : document.path("channels")) {
            String address = channel.path("address").asString();
            (address.endsWith(".DLT") ? deadLetters : topics).add(address);
            assertThat(channel.path("bindings").path("kafka").path("topic").asString()).isEqualTo(address);
        }
        assertThat(topics).containsExactlyInAnyOrderElementsOf(Topics.all().stream().map(Topic::name).toList());
        assertThat(deadLetters).containsExactlyInAnyOrderElementsOf(Topics.all().stream()
                .map(Topic::deadLetterTopic).toList());
    }

    @Test
    void eachTopicCarriesExactlyItsEventTypesKeyedAsTheCatalogueSaysWithTheirAvroSchemas() throws IOException {
        for (Topic topic : Topics.all()) {
            JsonNode channel = channel(topic.name());
            List<String> declared = new ArrayList<>(channel.path("messages").propertyNames());
            assertThat(declared).as("event types of %s", topic.name()).containsExactlyInAnyOrderElementsOf(
                    topic.eventTypes().stream().map(Class::getSimpleName).toList());
            for (Class<?> type : topic.eventTypes()) {
                JsonNode message = message(channel.path("messages").path(type.getSimpleName()));
                assertThat(message.path("name").asString()).isEqualTo(type.getSimpleName());
                assertThat(message.path("x-ce-type").asString()).isEqualTo(type.getName());
                assertThat(message.path("bindings").path("kafka").path("key").path("description").asString())
                        .as("key of %s on %s", type.getSimpleName(), topic.name()).isEqualTo(topic.key());
                JsonNode payload = message.path("payload");
                assertThat(payload.path("schemaFormat").asString()).startsWith("application/vnd.apache.avro");
                Path schema = DOCS.resolve(payload.path("schema").path("$ref").asString()).normalize();
                assertThat(schema).as("Avro schema of %s", type.getSimpleName()).exists();
                JsonNode avro = JsonMapper.builder().build().readTree(Files.readString(schema));
                assertThat(avro.path("namespace").asString() + "." + avro.path("name").asString())
                        .isEqualTo(type.getName());
                assertThat(message.path("headers").path("$ref").asString())
                        .isEqualTo("#/components/schemas/CloudEventHeaders");
            }
        }
    }

    @Test
    void everyMessageIsSentOrReceivedByAnOperationOnItsChannel() {
        Map<String, Set<String>> operated = new LinkedHashMap<>();
        for (JsonNode operation : document.path("operations")) {
            assertThat(operation.path("action").asString()).isIn("send", "receive");
            String channelRef = operation.path("channel").path("$ref").asString();
            assertThat(document.at(pointer(channelRef)).isMissingNode()).as(channelRef).isFalse();
            for (JsonNode message : operation.path("messages")) {
                String ref = message.path("$ref").asString();
                assertThat(ref).startsWith(channelRef + "/messages/");
                assertThat(document.at(pointer(ref)).isMissingNode()).as(ref).isFalse();
                operated.computeIfAbsent(channelRef, c -> new TreeSet<>()).add(ref.substring(ref.lastIndexOf('/') + 1));
            }
        }
        document.path("channels").properties().forEach(entry -> assertThat(operated.get("#/channels/" + entry.getKey()))
                .as("operations on %s", entry.getKey())
                .containsExactlyInAnyOrderElementsOf(entry.getValue().path("messages").propertyNames()));
        assertThat(operated.get("#/channels/migrationRequests")).contains("MigrationRequested");
        assertThat(document.path("operations").path("submitMigrationRequests").path("action").asString())
                .isEqualTo("receive");
    }

    @Test
    void theHeadersAreTheCloudEventsBindingThePlatformWritesAndDeadLettersCarryTheReasonButNoStackTrace() {
        List<String> written = CloudEventHeaders.of("e-1", "io.osmigration.events.SourceImported", "source-registry",
                Instant.now()).stream().map(Header::key).toList();
        JsonNode cloudEvents = document.path("components").path("schemas").path("CloudEventHeaders");
        assertThat(cloudEvents.path("required").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrderElementsOf(written);
        assertThat(cloudEvents.path("properties").propertyNames()).containsExactlyInAnyOrderElementsOf(written);

        JsonNode deadLetter = document.path("components").path("schemas").path("DeadLetterHeaders");
        assertThat(deadLetter.path("required").valueStream().map(JsonNode::asString).toList())
                .contains(KafkaEventsAutoConfiguration.DLT_REASON_HEADER, "kafka_dlt-original-topic");
        assertThat(deadLetter.path("properties").propertyNames()).doesNotContain("kafka_dlt-exception-stacktrace");
        assertThat(document.path("info").path("description").asString()).contains("<topic>.DLT", "osm-dlt-reason",
                "never a stack trace");
    }

    private static JsonNode channel(String address) {
        for (JsonNode channel : document.path("channels")) {
            if (channel.path("address").asString().equals(address)) {
                return channel;
            }
        }
        throw new AssertionError("docs/asyncapi.yaml has no channel for " + address);
    }

    private static JsonNode message(JsonNode reference) {
        String ref = reference.path("$ref").asString();
        assertThat(ref).startsWith("#/components/messages/");
        return document.at(pointer(ref));
    }

    private static String pointer(String ref) {
        return ref.substring(1);
    }
}
