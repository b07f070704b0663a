package io.osmigration.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.mail.internet.MimeMessage;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.osmigration.infra.EmbeddedInfrastructure;
import io.osmigration.platform.kafka.EventPublisher;

/**
 * MongoDB goes away right while a mail is being sent: the mail went out, so it must be recorded as sent once the
 * database is back, and never be sent again; the workers back off meanwhile and go on afterwards. This context talks
 * to the embedded MongoDB through a {@link TcpOutage} (its own database and consumer group, so the shared context of
 * the other tests never sees its work).
 */
@SpringBootTest(classes = NotificationServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=notification-service",
                "spring.application.name=notification-outage-test",
                "spring.mongodb.database=osm_notification_outage",
                "osm.security.api-tokens=test-token",
                "osm.kafka.retry-backoff=50ms",
                "osm.kafka.partitions=4",
                "osm.notifications.scan-interval=100ms",
                "osm.notifications.delivery.poll-interval=50ms",
                "osm.notifications.delivery.retry-backoff=100ms",
                "osm.notifications.delivery.lease-timeout=60s"
        })
class MongoOutageTest {

    private static final EmbeddedInfrastructure INFRA = EmbeddedInfrastructure.shared();
    private static final TcpOutage OUTAGE = new TcpOutage("127.0.0.1", mongoPort());

    @LocalServerPort
    private int port;
    @Autowired
    private EventPublisher publisher;
    @MockitoSpyBean
    private JavaMailSender mailSender;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + OUTAGE.port()
                + "/?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000");
    }

    @AfterAll
    static void closeOutage() {
        OUTAGE.restore();
    }

    @Test
    void aMailSentWhileMongoDbGoesAwayIsRecordedOnceItIsBackAndNeverSentTwice() throws Exception {
        String batch = "b-" + UUID.randomUUID().toString().substring(0, 8);
        String to = "ops-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        createChannel(Map.of("type", "EMAIL", "name", "Ops", "recipients", List.of(to),
                "events", List.of("MigrationFailed"), "batchIds", List.of(batch)));
        AtomicBoolean cut = new AtomicBoolean();
        doAnswer(invocation -> {
            MimeMessage message = invocation.getArgument(0);
            if (IntegrationTest.addressedTo(message, to) && cut.compareAndSet(false, true)) {
                OUTAGE.cut(); // the database goes away just as the mail goes out
            }
            return invocation.callRealMethod();
        }).when(mailSender).send(any(MimeMessage.class));

        try (MongoClient direct = MongoClients.create(INFRA.mongoUri())) {
            MongoTemplate mongo = new MongoTemplate(direct, "osm_notification_outage");
            publisher.publish("s-o1", TestEvents.failed(batch, "j1-" + batch, "s-o1", "UPGRADE", "leapp failed"))
                    .join();

            await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(to).size() == 1);
            // Sent, but not recordable while the database is away: the message stays claimed by its worker.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> "SENDING".equals(status(mongo, batch)) && mailsTo(to).size() == 1);

            OUTAGE.restore();

            await().atMost(Duration.ofSeconds(60)).until(() -> "SENT".equals(status(mongo, batch)));
            Document sent = mongo.findOne(Query.query(Criteria.where("batchId").is(batch)), Document.class,
                    "notifications");
            assertThat(sent.getInteger("attempts")).isEqualTo(1);
            // The workers went on after their back-off: the next event is delivered as usual.
            publisher.publish("s-o2", TestEvents.failed(batch, "j2-" + batch, "s-o2", "VERIFY", "kernel panic"))
                    .join();
            await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(to).size() == 2);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> mailsTo(to).size() == 2);
        } finally {
            OUTAGE.restore();
        }
    }

    private static String status(MongoTemplate mongo, String batch) {
        Document notification = mongo.findOne(Query.query(Criteria.where("batchId").is(batch)
                .and("jobId").is("j1-" + batch)), Document.class, "notifications");
        return notification == null ? null : notification.getString("status");
    }

    private void createChannel(Map<String, Object> body) {
        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(10))
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer test-token").build()
                .post().uri("/api/v1/channels").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(new ParameterizedTypeReference<Map<String, Object>>() { });
    }

    private static List<MimeMessage> mailsTo(String address) {
        return IntegrationTest.mailsTo(address);
    }

    private static int mongoPort() {
        return Integer.parseInt(INFRA.mongoUri().replaceAll(".*:(\\d+).*", "$1"));
    }
}
