package io.osmigration.platform.kafka;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

import io.osmigration.schemas.EventCodec;

/**
 * Kafka deserializer for catalog events. Used inside an {@code ErrorHandlingDeserializer}, so bytes it cannot read
 * reach the error handler (and the dead-letter topic) instead of stopping the consumer.
 */
public class AvroEventDeserializer implements Deserializer<SpecificRecord> {

    private static final EventCodec CODEC = new EventCodec();

    @Override
    public SpecificRecord deserialize(String topic, byte[] data) {
        return data == null ? null : CODEC.decode(data);
    }
}
