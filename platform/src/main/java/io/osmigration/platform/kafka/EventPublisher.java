package io.osmigration.platform.kafka;

import java.util.concurrent.CompletableFuture;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import io.osmigration.events.EventHeader;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.schemas.EventCodec;
import io.osmigration.schemas.Topics;

/**
 * Sends encoded events to their catalog topic with CloudEvents headers. Services normally publish through their
 * outbox (state and events in one document write); this is what the outbox relay and tests use underneath.
 */
public class EventPublisher {

    private final KafkaTemplate<String, byte[]> template;
    private final EventCodec codec;

    public EventPublisher(KafkaTemplate<String, byte[]> template, EventCodec codec) {
        this.template = template;
        this.codec = codec;
    }

    public CompletableFuture<SendResult<String, byte[]>> publish(String key, SpecificRecord event) {
        EventHeader header = EventHeaders.of(event);
        String topic = Topics.of(event.getClass()).name();
        return send(topic, key, codec.encode(event), header.getEventId(), EventHeaders.typeOf(event),
                header.getProducer(), header.getOccurredAt());
    }

    public CompletableFuture<SendResult<String, byte[]>> send(String topic, String key, byte[] payload, String eventId,
                                                               String type, String producer, java.time.Instant time) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, key, payload,
                CloudEventHeaders.of(eventId, type, producer, time));
        return template.send(record);
    }
}
