package io.osmigration.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedInfrastructureTest {

    @Test
    void sharedInstanceServesAllThreeAndSurvivesClose() throws Exception {
        EmbeddedInfrastructure infra = EmbeddedInfrastructure.shared();
        assertThat(EmbeddedInfrastructure.shared()).isSameAs(infra);
        infra.close(); // ignored on the shared instance
        assertThat(infra.kafka().isRunning()).isTrue();

        infra.kafka().createTopic("infra-shared", 1);
        EmbeddedKafkaBrokerTest.produce(infra.kafka(), "infra-shared", "k", "v");
        assertThat(EmbeddedKafkaBrokerTest.consumeWithGroup(infra.kafka(), "infra-shared", "infra-test", 1))
                .containsExactly("k=v");

        try (MongoClient client = MongoClients.create(infra.mongoUri())) {
            client.getDatabase("infra").getCollection("c").insertOne(new Document("a", 1));
            assertThat(client.getDatabase("infra").getCollection("c").countDocuments()).isEqualTo(1);
        }

        EmbeddedMailServerTest.send(infra.mail(), "team@osmigration.local", "hello", "body");
        assertThat(infra.mail().waitForIncomingEmail(Duration.ofSeconds(10), 1)).isTrue();
        assertThat(EmbeddedMailServerTest.readInbox(infra.mail(), "team@osmigration.local", "x"))
                .contains("hello");

        assertThat(infra.springProperties())
                .containsEntry("spring.kafka.bootstrap-servers", infra.kafkaBootstrapServers())
                .containsEntry("spring.mongodb.uri", infra.mongoUri())
                .containsEntry("spring.mail.port", Integer.toString(infra.smtpPort()));
    }

    @Test
    void persistentSetUpKeepsMongoDataAcrossRestart(@TempDir Path dataDir) {
        // Free ports (the default) but persistent data, as the all-in-one does with fixed ports.
        try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.builder().dataDir(dataDir).build().start();
                MongoClient client = MongoClients.create(infra.mongoUri())) {
            client.getDatabase("infra").getCollection("c").insertOne(new Document("kept", true));
            infra.kafka().createTopic("kept-topic", 1);
        }
        assertThat(dataDir.resolve("kafka/logs/meta.properties")).exists();
        assertThat(dataDir.resolve("mongo/mongo.mv")).exists();

        try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.builder().dataDir(dataDir).build().start();
                MongoClient client = MongoClients.create(infra.mongoUri())) {
            assertThat(client.getDatabase("infra").getCollection("c").countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void forTestsDeletesItsTemporaryDirectory() {
        Path kafkaDir;
        try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.forTests()) {
            kafkaDir = infra.kafka().dataDir();
            assertThat(kafkaDir).exists();
        }
        assertThat(kafkaDir).doesNotExist();
    }
}
