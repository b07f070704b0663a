package io.osmigration.allinone;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.osmigration.schemas.EventCodec;
import io.osmigration.schemas.Topic;
import io.osmigration.schemas.Topics;

/** Reads every catalog topic from the beginning, as an outside observer of the event stream would. */
final class KafkaProbe implements AutoCloseable {

    private static final EventCodec CODEC = new EventCodec();

    record Observed(ConsumerRecord<String, byte[]> record, SpecificRecord event) {
        String type() {
            return event.getSchema().getName();
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Observed> seen = new ArrayList<>();

    KafkaProbe(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-probe-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(Topics.all().stream().map(Topic::name).toList());
    }

    /** Polls until {@code done} holds for the events seen so far with {@code key}; returns them in arrival order. */
    List<Observed> awaitEvents(String key, Duration atMost, Predicate<List<Observed>> done) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.add(new Observed(record, CODEC.decode(record.value()))));
            return done.test(withKey(key));
        });
        return withKey(key);
    }

    private List<Observed> withKey(String key) {
        return seen.stream().filter(observed -> key.equals(observed.record().key())).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
