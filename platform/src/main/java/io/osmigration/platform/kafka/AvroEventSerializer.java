package io.osmigration.platform.kafka;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

import io.osmigration.schemas.EventCodec;

/** Kafka serializer for catalog events, in Avro single-object encoding. */
public class AvroEventSerializer implements Serializer<SpecificRecord> {

    private static final EventCodec CODEC = new EventCodec();

    @Override
    public byte[] serialize(String topic, SpecificRecord event) {
        return event == null ? null : CODEC.encode(event);
    }
}
