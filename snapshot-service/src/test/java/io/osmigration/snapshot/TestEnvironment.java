package io.osmigration.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.osmigration.infra.EmbeddedInfrastructure;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.schemas.EventCodec;
import io.osmigration.schemas.Topics;
import io.osmigration.simulator.EcsSimulator;
import io.osmigration.simulator.EcsSimulatorServer;

/**
 * What every test class shares, once per JVM: the embedded Kafka and MongoDB, the ECS simulator (in-process, on a
 * free port, with this module's test fleet and short snapshot and reboot times) and a plain consumer that records
 * every event on osm.snapshots.
 */
public final class TestEnvironment {

    /**
     * The simulator is a Spring Boot app too; on this module's class path it would auto-configure MongoDB, Kafka and
     * the platform (and look for a MongoDB on 27017). It needs none of them.
     */
    private static final String SERVICE_ONLY = String.join(",",
            "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
            "org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration",
            "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration",
            "org.springframework.boot.mongodb.autoconfigure.health.MongoReactiveHealthContributorAutoConfiguration",
            "org.springframework.boot.mongodb.autoconfigure.metrics.MongoMetricsAutoConfiguration",
            "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
            "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveAutoConfiguration",
            "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveRepositoriesAutoConfiguration",
            "org.springframework.boot.data.mongodb.autoconfigure.DataMongoRepositoriesAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration",
            "io.osmigration.platform.kafka.KafkaEventsAutoConfiguration",
            "io.osmigration.platform.outbox.PersistenceAutoConfiguration",
            "io.osmigration.platform.web.WebAutoConfiguration",
            "io.osmigration.platform.cloud.CloudAutoConfiguration");

    private static TestEnvironment instance;

    public final EmbeddedInfrastructure infra;
    public final EcsSimulatorServer simulator;
    private final List<SpecificRecord> snapshotEvents = new CopyOnWriteArrayList<>();

    private TestEnvironment() {
        infra = EmbeddedInfrastructure.shared();
        try {
            Path dir = Files.createTempDirectory("osm-snapshot-test-");
            Path fleet = dir.resolve("fleet.json");
            try (InputStream in = TestEnvironment.class.getResourceAsStream("/snapshot-test-fleet.json")) {
                Files.copy(in, fleet, StandardCopyOption.REPLACE_EXISTING);
            }
            simulator = EcsSimulatorServer.start(0, fleet, dir.resolve("sim"),
                    "osm.simulator.snapshot-duration=PT0.3S", "osm.simulator.reboot-duration=PT0.3S",
                    "osm.simulator.rate-limit-per-second=1000", "spring.autoconfigure.exclude=" + SERVICE_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread consumer = new Thread(this::consume, "test-osm-snapshots-consumer");
        consumer.setDaemon(true);
        consumer.start();
    }

    public static synchronized TestEnvironment get() {
        if (instance == null) {
            instance = new TestEnvironment();
        }
        return instance;
    }

    public EcsSimulator ecs() {
        return simulator.engine();
    }

    /** Events seen on osm.snapshots for one job, oldest first. */
    public List<SpecificRecord> snapshotEvents(String jobId) {
        return snapshotEvents.stream().filter(e -> jobId.equals(EventHeaders.of(e).getJobId())).toList();
    }

    public <T extends SpecificRecord> List<T> snapshotEvents(String jobId, Class<T> type) {
        return snapshotEvents(jobId).stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<SpecificRecord> allSnapshotEvents() {
        return List.copyOf(snapshotEvents);
    }

    private void consume() {
        Properties config = new Properties();
        config.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "snapshot-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500"));
        EventCodec codec = new EventCodec();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(Topics.SNAPSHOTS.name()));
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    snapshotEvents.add(codec.decode(record.value()));
                }
            }
        }
    }
}
