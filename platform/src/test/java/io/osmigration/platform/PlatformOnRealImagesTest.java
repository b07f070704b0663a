package io.osmigration.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.osmigration.events.SourceImported;
import io.osmigration.platform.cloud.budget.CallBudget;
import io.osmigration.platform.cloud.budget.CallPriority;
import io.osmigration.platform.outbox.OutboxMessage;
import io.osmigration.platform.outbox.OutboxRelay;
import io.osmigration.platform.testapp.PlatformTestApplication;
import io.osmigration.platform.testapp.Widget;

/**
 * The platform against the production shape: the official Kafka image and a real MongoDB. Skipped where no Docker
 * engine runs (as on our build machines); {@link PlatformIntegrationTest} covers the same against the embedded stack.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PlatformOnRealImagesTest {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.2");
    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

    @DynamicPropertySource
    static void containers(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::getBootstrapServers);
        registry.add("spring.mongodb.uri", MONGO::getConnectionString);
    }

    @Autowired
    MongoTemplate mongo;
    @Autowired
    OutboxRelay relay;

    @Test
    void anOutboxEventIsRelayedThroughKafkaAndHandledOnce() {
        SourceImported event = PlatformTestBase.sourceImported("s-tc-" + UUID.randomUUID());
        Widget widget = new Widget("w-" + UUID.randomUUID(), "on real images");
        widget.raise(OutboxMessage.of(event.getSourceId(), event));
        mongo.save(widget);
        relay.wakeUp();

        await().untilAsserted(() -> assertThat(mongo.count(
                new Query(Criteria.where("event").is(event.toString())), "effects")).isEqualTo(1));
        assertThat(mongo.findById(widget.id(), Document.class, "widgets").getList("outbox", Document.class)).isEmpty();
    }

    /** On a real MongoDB the relay's pending query is answered from its index, not by scanning the collection. */
    @Test
    void theRelaysPendingQueryUsesItsIndexAndProcessedEventsExpire() {
        Document explained = mongo.getDb().runCommand(new Document("explain", new Document("find", "widgets")
                .append("filter", new Document("outbox.eventId", new Document("$gt", ""))))
                .append("verbosity", "queryPlanner"));
        assertThat(explained.toJson()).contains("\"indexName\": \"outbox_pending\"").doesNotContain("COLLSCAN");
        assertThat(mongo.indexOps("processed_events").getIndexInfo())
                .anySatisfy(index -> assertThat(index.getExpireAfter()).isPresent());
    }

    @Test
    void twoBudgetsShareOneTimelineOnARealMongoDb() {
        String account = "real-" + UUID.randomUUID();
        try (MongoClient client = MongoClients.create(MONGO.getConnectionString());
             CallBudget first = CallBudget.shared(client.getDatabase("osm_cloud_budget"), account, 100,
                     Duration.ofMillis(100), Duration.ofSeconds(10));
             CallBudget second = CallBudget.shared(client.getDatabase("osm_cloud_budget"), account, 100,
                     Duration.ofMillis(100), Duration.ofSeconds(10))) {
            for (int call = 0; call < 5; call++) {
                assertThat(first.acquire(CallPriority.STEP, Duration.ofSeconds(10))).isTrue();
                assertThat(second.acquire(CallPriority.POLL, Duration.ofSeconds(10))).isTrue();
            }
            assertThat(first.stats().admittedTotal() + second.stats().admittedTotal()).isEqualTo(10);
            assertThat(client.getDatabase("osm_cloud_budget").getCollection("ecs_call_budget")
                    .find(new Document("_id", account)).first().getLong("bookings"))
                    .isEqualTo(first.stats().bookings() + second.stats().bookings());
        }
    }
}
