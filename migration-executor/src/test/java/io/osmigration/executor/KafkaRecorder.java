package io.osmigration.executor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.osmigration.platform.events.EventHeaders;
import io.osmigration.schemas.EventCodec;

/** Records every record of some topics from the beginning, for assertions on what services published. */
final class KafkaRecorder implements AutoCloseable {

    /** One record: its topic, key, decoded event (null if unreadable) and headers. */
    record Received(String topic, String key, SpecificRecord event, Map<String, String> headers) {
        String type() {
            return event == null ? null : event.getSchema().getName();
        }

        String jobId() {
            return event == null ? null : EventHeaders.of(event).getJobId();
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final EventCodec codec = new EventCodec();
    private final Thread thread;
    private volatile boolean running = true;

    KafkaRecorder(String bootstrapServers, List<String> topics) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "recorder-" + java.util.UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer = new KafkaConsumer<>(config);
        consumer.subscribe(topics);
        thread = new Thread(this::loop, "kafka-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    received.add(new Received(record.topic(), record.key(), decode(record.value()), headers(record)));
                }
            }
        } catch (WakeupException stopping) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private SpecificRecord decode(byte[] value) {
        try {
            return value == null ? null : codec.decode(value);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    List<Received> all() {
        return new ArrayList<>(received);
    }

    List<Received> ofJob(String jobId) {
        return received.stream().filter(r -> jobId.equals(r.jobId())).toList();
    }

    List<String> typesOfJob(String jobId, String topic) {
        return received.stream().filter(r -> jobId.equals(r.jobId()) && topic.equals(r.topic()))
                .map(Received::type).toList();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
