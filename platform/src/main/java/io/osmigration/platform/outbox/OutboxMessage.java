package io.osmigration.platform.outbox;

import java.time.Instant;

import org.apache.avro.specific.SpecificRecord;

import io.osmigration.events.EventHeader;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.schemas.EventCodec;
import io.osmigration.schemas.Topics;

/**
 * An event waiting in an aggregate's {@code outbox} field to be relayed to Kafka. Stored already encoded, so the
 * relay needs no knowledge of event types.
 */
public record OutboxMessage(String eventId, String topic, String key, String type, String producer,
                            Instant occurredAt, byte[] payload) {

    private static final EventCodec CODEC = new EventCodec();

    public static OutboxMessage of(String key, SpecificRecord event) {
        EventHeader header = EventHeaders.of(event);
        return new OutboxMessage(header.getEventId(), Topics.of(event.getClass()).name(), key,
                EventHeaders.typeOf(event), header.getProducer(), header.getOccurredAt(), CODEC.encode(event));
    }
}
