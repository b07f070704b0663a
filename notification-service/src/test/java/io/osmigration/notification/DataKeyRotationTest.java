package io.osmigration.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.osmigration.infra.EmbeddedInfrastructure;
import io.osmigration.notification.channel.ChannelStore;
import io.osmigration.notification.domain.Channel;
import io.osmigration.notification.domain.ChannelType;
import io.osmigration.notification.domain.EventType;
import io.osmigration.notification.domain.PerJobMessages;
import io.osmigration.platform.kafka.EventPublisher;
import io.osmigration.platform.security.SecretSealer;
import io.osmigration.platform.security.SecurityProperties;

/**
 * A key rotation: a DingTalk channel written under the old data key, then the service started with a new
 * {@code osm.security.data-key} and the old one in {@code old-data-keys}. The channel still signs correctly (a real
 * signed webhook call to a local receiver that checks the signature), and its secrets are sealed again with the new
 * key at start, so the old key can be retired. Its own context, database and consumer group: nothing is shared with
 * the other notification tests.
 */
@SpringBootTest(classes = NotificationServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=notification-service",
                "spring.application.name=notification-rotation",
                "spring.mongodb.database=" + DataKeyRotationTest.DATABASE,
                "osm.security.api-tokens=test-token",
                "osm.security.data-key=" + DataKeyRotationTest.NEW_KEY,
                "osm.security.old-data-keys=" + DataKeyRotationTest.OLD_KEY,
                "osm.kafka.partitions=4",
                "osm.notifications.default-email-recipients=",
                "osm.notifications.delivery.poll-interval=50ms"
        })
class DataKeyRotationTest {

    static final String DATABASE = "osm_notification_rotation";
    static final String OLD_KEY = "b2xkLWRhdGEta2V5LWJlZm9yZS10aGUtcm90YXRpb24=";
    static final String NEW_KEY = "bmV3LWRhdGEta2V5LWFmdGVyLXRoZS1yb3RhdGlvbiE=";
    private static final String BATCH = "b-rotation-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String CHANNEL = "ch-rotation-" + BATCH;
    private static final DingTalkReceiver ROBOT = robot();

    @Autowired
    private MongoTemplate mongo;
    @Autowired
    private EventPublisher publisher;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedInfrastructure infra = EmbeddedInfrastructure.shared();
        infra.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        writeChannelUnderTheOldKey(infra.mongoUri());
    }

    @AfterAll
    static void stopRobot() {
        ROBOT.close();
    }

    @Test
    void aChannelSealedWithTheOldKeyStillSignsAndIsSealedAgainWithTheNewOne() {
        String newKeyId = sealer(NEW_KEY, List.of()).currentKeyId();
        Document stored = mongo.getCollection("channels").find(new Document("_id", CHANNEL)).first();
        assertThat(stored.getString("secret")).startsWith("osm:sealed:v1:" + newKeyId + ":");
        assertThat(stored.getString("webhookUrl")).startsWith("osm:sealed:v1:" + newKeyId + ":");
        assertThat(stored.toJson()).doesNotContain("SEC-rotation").doesNotContain("tok-rotation");

        publisher.publish("s-rotation", TestEvents.failed(BATCH, "j-" + BATCH, "s-rotation", "UPGRADE", "boom"));

        await().atMost(Duration.ofSeconds(30)).until(() -> ROBOT.accepted.size() == 1);
        assertThat(ROBOT.rejected).isEmpty();
        assertThat(ROBOT.accepted.get(0).text()).contains("Job: j-" + BATCH);
    }

    private static void writeChannelUnderTheOldKey(String mongoUri) {
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoTemplate template = new MongoTemplate(client, DATABASE);
            template.getCollection("channels").deleteMany(new Document());
            ChannelStore oldService = new ChannelStore(template, sealer(OLD_KEY, List.of()));
            oldService.save(new Channel(CHANNEL, ChannelType.DINGTALK, "Robot " + BATCH, List.of(), ROBOT.webhookUrl(),
                    "SEC-rotation-" + BATCH, EnumSet.of(EventType.MIGRATION_FAILED), List.of(BATCH),
                    PerJobMessages.ALL, false, Instant.now()));
            assertThat(template.getCollection("channels").find().first().getString("secret"))
                    .startsWith("osm:sealed:v1:" + sealer(OLD_KEY, List.of()).currentKeyId() + ":");
        }
    }

    private static SecretSealer sealer(String key, List<String> old) {
        return SecretSealer.from(new SecurityProperties(List.of(), List.of(), "osm_security", Duration.ofSeconds(10),
                key, old, new SecurityProperties.Audit(Duration.ofMillis(500), Duration.ofMinutes(5))));
    }

    private static DingTalkReceiver robot() {
        try {
            return new DingTalkReceiver("tok-rotation-" + BATCH, "SEC-rotation-" + BATCH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
