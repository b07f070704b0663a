package io.osmigration.allinone;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import io.osmigration.executor.MigrationExecutorApplication;
import io.osmigration.notification.NotificationServiceApplication;
import io.osmigration.platform.OsmApplication;
import io.osmigration.precheck.PrecheckServiceApplication;
import io.osmigration.registry.SourceRegistryApplication;
import io.osmigration.simulator.EcsSimulatorServer;
import io.osmigration.snapshot.SnapshotServiceApplication;

/**
 * Each service as its own application against the production shape: the official Kafka image and a real MongoDB.
 * Skipped where no Docker engine runs; the all-in-one tests cover the same services on the embedded stack.
 */
@Testcontainers(disabledWithoutDocker = true)
class ServicesOnRealImagesTest {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.2");
    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

    private static EcsSimulatorServer simulator;

    @BeforeAll
    static void startSimulator() {
        simulator = EcsSimulatorServer.start(0, null, null);
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    record Service(Class<?> application, String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Service> services() {
        return List.of(new Service(SourceRegistryApplication.class, AllInOneConfig.SOURCE_REGISTRY),
                new Service(PrecheckServiceApplication.class, AllInOneConfig.PRECHECK),
                new Service(SnapshotServiceApplication.class, AllInOneConfig.SNAPSHOT),
                new Service(MigrationExecutorApplication.class, AllInOneConfig.EXECUTOR),
                new Service(NotificationServiceApplication.class, AllInOneConfig.NOTIFICATION));
    }

    @ParameterizedTest
    @MethodSource("services")
    void serviceStartsAgainstRealKafkaAndMongoDbAndIsHealthy(Service service) {
        try (ConfigurableApplicationContext context = OsmApplication.builder(service.application(), service.name())
                .registerShutdownHook(false)
                .run("--server.port=0", "--spring.kafka.bootstrap-servers=" + KAFKA.getBootstrapServers(),
                        "--spring.mongodb.uri=" + MONGO.getConnectionString(),
                        "--osm.aliyun.endpoint=" + simulator.endpoint(), "--osm.aliyun.protocol=HTTP",
                        "--osm.security.api-tokens=tc-token")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build()
                    .get().uri("/actuator/health").exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        }
    }
}
