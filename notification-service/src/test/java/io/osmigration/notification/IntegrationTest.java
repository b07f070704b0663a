package io.osmigration.notification;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.osmigration.infra.EmbeddedInfrastructure;
import io.osmigration.platform.kafka.EventPublisher;

/**
 * One Spring context for every integration test class (same configuration), against the JVM's shared embedded
 * Kafka, MongoDB and mail server. Tests isolate themselves by batch id: their channels subscribe to their own batch.
 */
@SpringBootTest(classes = NotificationServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=notification-service",
                "spring.application.name=notification-service",
                "spring.mongodb.database=osm_notification_test",
                "osm.security.api-tokens=test-token",
                "osm.security.data-key=" + IntegrationTest.DATA_KEY,
                "osm.kafka.retry-backoff=50ms",
                "osm.kafka.partitions=4",
                "osm.notifications.default-email-recipients=fleet-ops@example.org",
                "osm.notifications.default-per-job-messages=FAILURES_ONLY",
                "osm.notifications.dashboard-url=http://dashboard.test:8080",
                "osm.notifications.from=osmigration@example.org",
                "osm.notifications.digest-delay=300ms",
                "osm.notifications.scan-interval=100ms",
                "osm.notifications.delivery.poll-interval=50ms",
                "osm.notifications.delivery.retry-backoff=100ms",
                "osm.notifications.delivery.max-attempts=4",
                "osm.notifications.dingtalk.timeout=5s"
        })
public abstract class IntegrationTest {

    protected static final String TOKEN = "test-token";
    /** 32 bytes, base64: the data key of the shared test context. */
    protected static final String DATA_KEY = "b3NtLW5vdGlmaWNhdGlvbi10ZXN0LWRhdGEta2V5MSE=";
    protected static final EmbeddedInfrastructure INFRA = EmbeddedInfrastructure.shared();
    /** The service reaches MongoDB through this forwarder, so a test can take the database away for a while. */
    protected static final TcpOutage MONGO = new TcpOutage("127.0.0.1",
            Integer.parseInt(INFRA.mongoUri().replaceAll(".*:(\\d+).*", "$1")));

    @LocalServerPort
    protected int port;

    @Autowired
    protected EventPublisher publisher;

    /** The real sender, spied so a test can make SMTP fail for its own recipients. */
    @MockitoSpyBean
    protected JavaMailSender mailSender;

    protected WebTestClient http;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        // Short server selection, so an outage shows within a second instead of the driver's 30 s.
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + MONGO.port()
                + "/?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000");
    }

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN).build();
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected void publish(String key, SpecificRecord event) {
        publisher.publish(key, event).join();
    }

    /** Creates a channel through the API; returns its id. */
    protected String createChannel(Map<String, Object> body) {
        Map<String, Object> created = http.post().uri("/api/v1/channels").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
        return (String) created.get("id");
    }

    protected List<Map<String, Object>> notifications(String query) {
        return http.get().uri("/api/v1/notifications" + query).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .returnResult().getResponseBody();
    }

    /** Mails delivered to {@code address} so far. */
    protected static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(INFRA.mail().receivedMessages()).filter(message -> addressedTo(message, address))
                .toList();
    }

    static boolean addressedTo(MimeMessage message, String address) {
        try {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
