package io.osmigration.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

import io.osmigration.events.SourceImported;
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
        SourceImported event = EmbeddedPlatformTest.sourceImported("s-tc-" + UUID.randomUUID());
        Widget widget = new Widget("w-" + UUID.randomUUID(), "on real images");
        widget.raise(OutboxMessage.of(event.getSourceId(), event));
        mongo.save(widget);
        relay.wakeUp();

        await().untilAsserted(() -> assertThat(mongo.count(
                new Query(Criteria.where("event").is(event.toString())), "effects")).isEqualTo(1));
        assertThat(mongo.findById(widget.id(), Document.class, "widgets").getList("outbox", Document.class)).isEmpty();
    }
}
