package io.osmigration.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

import io.micrometer.core.instrument.MeterRegistry;
import io.osmigration.schemas.EventCodec;
import io.osmigration.schemas.Topic;
import io.osmigration.schemas.Topics;
import io.osmigration.schemas.UnreadableEventException;

/**
 * Kafka wiring every service shares: Avro single-object values with CloudEvents headers on the way out; on the way in
 * an {@link ErrorHandlingDeserializer} around the Avro deserializer and one {@link DefaultErrorHandler} that waits out
 * transient failures for minutes, retries other failures briefly, and sends poison records (unreadable, invalid) to
 * {@code <topic>.DLT} at once, with the reason in the headers.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableKafka
@EnableConfigurationProperties(OsmKafkaProperties.class)
public class KafkaEventsAutoConfiguration {

    /**
     * Header with a one-line reason on every dead-lettered record, beside Spring's {@code kafka_dlt-*} headers (original
     * topic, partition, offset, exception class and message; never the stack trace).
     */
    public static final String DLT_REASON_HEADER = "osm-dlt-reason";

    @Bean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    ProducerFactory<String, byte[]> kafkaProducerFactory(KafkaProperties kafka, Environment environment,
                                                         ObjectProvider<MeterRegistry> meters) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, environment.getProperty("spring.application.name", "osm"));
        DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(config);
        meters.ifAvailable(registry -> factory.addListener(new MicrometerProducerListener<>(registry)));
        return factory;
    }

    @Bean
    KafkaTemplate<String, byte[]> kafkaTemplate(ProducerFactory<String, byte[]> producerFactory) {
        return new KafkaTemplate<>(producerFactory);
    }

    @Bean
    EventPublisher eventPublisher(KafkaTemplate<String, byte[]> kafkaTemplate, EventCodec eventCodec) {
        return new EventPublisher(kafkaTemplate, eventCodec);
    }

    @Bean
    ConsumerFactory<String, SpecificRecord> kafkaConsumerFactory(KafkaProperties kafka, Environment environment,
                                                                 ObjectProvider<MeterRegistry> meters) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, environment.getProperty("spring.application.name"));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                config.getOrDefault(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        config.put(ErrorHandlingDeserializer.KEY_DESERIALIZER_CLASS, StringDeserializer.class);
        config.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, AvroEventDeserializer.class);
        DefaultKafkaConsumerFactory<String, SpecificRecord> factory = new DefaultKafkaConsumerFactory<>(config);
        // The Kafka clients' own metrics, consumer lag among them: kafka_consumer_fetch_manager_records_lag{topic,
        // partition} and _records_lag_max, per listener container's consumer (client.id).
        meters.ifAvailable(registry -> factory.addListener(new MicrometerConsumerListener<>(registry)));
        return factory;
    }

    /** Publishes dead letters: raw bytes for records that could not be read, re-encoded events for the others. */
    @Bean
    KafkaTemplate<Object, Object> deadLetterKafkaTemplate(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        Map<Class<?>, org.apache.kafka.common.serialization.Serializer<?>> byType = new java.util.LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(SpecificRecord.class, new AvroEventSerializer());
        DefaultKafkaProducerFactory<Object, Object> factory = new DefaultKafkaProducerFactory<>(config,
                null, () -> new DelegatingByTypeSerializer(byType, true));
        return new KafkaTemplate<>(factory);
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<Object, Object> deadLetterKafkaTemplate,
                                          OsmKafkaProperties properties, KafkaProperties kafka) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetterKafkaTemplate,
                (record, exception) -> new TopicPartition(record.topic() + ".DLT", -1));
        recoverer.setHeadersFunction((record, exception) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(new RecordHeader(DLT_REASON_HEADER, reason(exception).getBytes(StandardCharsets.UTF_8)));
            return headers;
        });
        // A Java stack trace tells whoever reads the DLT how our code is built and may quote data from deep inside:
        // the reason above and Spring's original topic/partition/offset, exception class and message headers suffice.
        recoverer.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE);
        ExponentialBackOff quick = new ExponentialBackOff(properties.retryBackoff().toMillis(), 2.0);
        quick.setMaxAttempts(properties.retryAttempts());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, quick);
        BackOff transientBackOff = transientBackOff(properties, kafka);
        // Transient failures (MongoDB or the broker away, ECS throttling, a peer that asked for it) are waited out for
        // minutes; the function answers null for the others, which then get the quick retries above.
        handler.setBackOffFunction((record, exception) ->
                TransientFailures.isTransient(exception) ? transientBackOff : null);
        handler.addNotRetryableExceptions(UnreadableEventException.class, InvalidEventException.class,
                DeserializationException.class, IllegalArgumentException.class);
        return handler;
    }

    /**
     * Exponential back-off with jitter, for {@code transient-retry-for} in all. The consumer thread waits out each
     * back-off before it polls again, so a single wait must stay well below {@code max.poll.interval.ms} or the broker
     * would take the partitions away mid-retry: refused at start-up otherwise.
     */
    static BackOff transientBackOff(OsmKafkaProperties properties, KafkaProperties kafka) {
        long maxPollInterval = maxPollInterval(kafka);
        long maxBackoff = properties.transientRetryMaxBackoff().toMillis();
        if (maxBackoff * 3 > maxPollInterval) {
            throw new IllegalStateException("osm.kafka.transient-retry-max-backoff (" + properties
                    .transientRetryMaxBackoff() + ") must be at most a third of the consumer's max.poll.interval.ms ("
                    + maxPollInterval + " ms)");
        }
        ExponentialBackOff backOff = new ExponentialBackOff(properties.transientRetryBackoff().toMillis(), 2.0);
        backOff.setMaxInterval(maxBackoff);
        backOff.setJitter(Math.max(1, properties.transientRetryBackoff().toMillis() / 2));
        backOff.setMaxElapsedTime(properties.transientRetryFor().toMillis());
        return backOff;
    }

    private static long maxPollInterval(KafkaProperties kafka) {
        Object configured = kafka.buildConsumerProperties().get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        return configured == null ? 300_000L : Long.parseLong(configured.toString());
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, SpecificRecord> kafkaListenerContainerFactory(
            ConsumerFactory<String, SpecificRecord> kafkaConsumerFactory, DefaultErrorHandler kafkaErrorHandler,
            OsmKafkaProperties properties) {
        ConcurrentKafkaListenerContainerFactory<String, SpecificRecord> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(kafkaConsumerFactory);
        factory.setCommonErrorHandler(kafkaErrorHandler);
        factory.setConcurrency(properties.listenerConcurrency());
        return factory;
    }

    @Bean
    @ConditionalOnProperty(name = "osm.kafka.create-topics", havingValue = "true", matchIfMissing = true)
    KafkaAdmin.NewTopics osmTopics(OsmKafkaProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (Topic topic : Topics.all()) {
            topics.add(new NewTopic(topic.name(), properties.partitions(), properties.replicationFactor()));
            topics.add(new NewTopic(topic.deadLetterTopic(), properties.partitions(), properties.replicationFactor()));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    static String reason(Exception exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause
                && !(cause instanceof UnreadableEventException) && !(cause instanceof InvalidEventException)) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        return cause.getClass().getSimpleName() + message;
    }
}
