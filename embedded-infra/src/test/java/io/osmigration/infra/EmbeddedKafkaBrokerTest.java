package io.osmigration.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class EmbeddedKafkaBrokerTest {

    @TempDir
    Path dir;

    @Test
    void producesAndConsumesThenKeepsTopicsRecordsAndOffsetsAcrossRestarts() throws Exception {
        Path dataDir = dir.resolve("kafka");
        String topic = "restart-test";
        String group = "restart-group";
        String clusterId;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(0).dataDir(dataDir).build().start()) {
            broker.createTopic(topic, 1);
            produce(broker, topic, "k1", "before-restart");
            assertThat(consumeWithGroup(broker, topic, group, 1)).containsExactly("k1=before-restart");
            clusterId = broker.clusterId();
        }
        assertThat(Files.readString(dataDir.resolve("cluster.id")).trim()).isEqualTo(clusterId);
        assertThat(dataDir.resolve("logs/meta.properties")).exists();

        // A second broker on the same directory: not formatted again, topic, record and group offset still there.
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(0).dataDir(dataDir).build();
        try {
            broker.start();
            assertThat(broker.clusterId()).isEqualTo(clusterId);
            try (Admin admin = Admin.create(broker.clientProperties())) {
                assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains(topic);
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                assertThat(offsets.get(new TopicPartition(topic, 0)).offset()).isEqualTo(1);
            }
            produce(broker, topic, "k2", "after-restart");
            assertThat(readAll(broker, topic, 2)).containsExactly("k1=before-restart", "k2=after-restart");

            // The same instance can be stopped and started again; its (ephemeral) port is reused while free.
            String bootstrap = broker.bootstrapServers();
            broker.close();
            assertThat(broker.isRunning()).isFalse();
            broker.start();
            assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(readAll(broker, topic, 2)).hasSize(2);
        } finally {
            broker.close();
        }
    }

    @Test
    void fixedPortInUseFailsWithoutHarmAndTheDirStaysUsable() throws Exception {
        Path dataDir = dir.resolve("busy");
        // The broker logs the expected bind failure at ERROR; keep it out of the build output.
        Logger kafkaLogger = (Logger) LoggerFactory.getLogger("kafka");
        Level previous = kafkaLogger.getLevel();
        kafkaLogger.setLevel(Level.OFF);
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(busy.getLocalPort()).dataDir(dataDir)
                    .startupTimeout(Duration.ofSeconds(10)).build();
            assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("localhost:" + busy.getLocalPort())
                    .hasRootCauseInstanceOf(BindException.class);
            assertThat(broker.isRunning()).isFalse();
        } finally {
            kafkaLogger.setLevel(previous);
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(0).dataDir(dataDir).build().start()) {
            broker.createTopic("after-failure", 1);
            produce(broker, "after-failure", "k", "v");
        }
    }

    @Test
    void dataDirIsRequired() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().build()).isInstanceOf(NullPointerException.class);
    }

    static void produce(EmbeddedKafkaBroker broker, String topic, String key, String value) throws Exception {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        }
    }

    /** Reads with consumer group {@code group} (from the earliest offset) and commits. */
    static List<String> consumeWithGroup(EmbeddedKafkaBroker broker, String topic, String group, int expected) {
        Properties props = consumerProperties(broker);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            List<String> values = poll(consumer, expected);
            consumer.commitSync();
            return values;
        }
    }

    /** Reads all partitions of {@code topic} from the beginning without a consumer group (no group join). */
    static List<String> readAll(EmbeddedKafkaBroker broker, String topic, int expected) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties(broker))) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return poll(consumer, expected);
        }
    }

    private static Properties consumerProperties(EmbeddedKafkaBroker broker) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return props;
    }

    private static List<String> poll(KafkaConsumer<String, String> consumer, int expected) {
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (values.size() < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                values.add(r.key() + "=" + r.value());
            }
        }
        return values;
    }
}
