package io.osmigration.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import io.osmigration.events.SourceStatusChanged;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    static List<Class<? extends SpecificRecord>> eventTypes() {
        return Topics.eventTypes();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void everyEventRoundTripsInSingleObjectEncoding(Class<? extends SpecificRecord> type) {
        SpecificRecord event = SampleEvents.sample(type);

        byte[] bytes = codec.encode(event);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(codec.decode(bytes)).isEqualTo(event).isInstanceOf(type);
    }

    @Test
    void decodesWhatAnOlderWriterWroteIntoTodaysClass() throws Exception {
        Schema current = SourceStatusChanged.getClassSchema();
        Schema older = olderSourceStatusChangedWithoutReason(current);
        EventCodec codecKnowingOlder = new EventCodec(SchemaHistory.of(Map.of("SourceStatusChanged", List.of(older))));
        GenericData.Record old = new GenericData.Record(older);
        old.put("header", header(older.getField("header").schema()));
        old.put("sourceId", "s-1");
        old.put("instanceId", null);
        old.put("previousStatus", "ONLINE");
        old.put("status", "OFFLINE");
        byte[] bytes = new BinaryMessageEncoder<GenericData.Record>(GenericData.get(), older).encode(old).array();

        SpecificRecord decoded = codecKnowingOlder.decode(bytes);

        assertThat(decoded).isInstanceOfSatisfying(SourceStatusChanged.class, event -> {
            assertThat(event.getSourceId()).isEqualTo("s-1");
            assertThat(event.getStatus()).isEqualTo("OFFLINE");
            assertThat(event.getReason()).as("field added later takes its default").isNull();
        });
        assertThatThrownBy(() -> new EventCodec().decode(bytes))
                .as("a codec that never saw the older schema cannot resolve it")
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("Unknown writer schema fingerprint");
    }

    @Test
    void garbageIsUnreadableWithAReason() {
        assertThatThrownBy(() -> codec.decode("not avro at all".getBytes()))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("C3 01");
        byte[] truncated = java.util.Arrays.copyOf(codec.encode(SampleEvents.sample(SourceStatusChanged.class)), 14);
        assertThatThrownBy(() -> codec.decode(truncated)).isInstanceOf(UnreadableEventException.class);
    }

    private static Schema olderSourceStatusChangedWithoutReason(Schema current) {
        List<Schema.Field> fields = current.getFields().stream()
                .filter(field -> !field.name().equals("reason"))
                .map(field -> new Schema.Field(field, field.schema()))
                .toList();
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    private static GenericData.Record header(Schema schema) {
        GenericData.Record header = new GenericData.Record(schema);
        header.put("eventId", "e-1");
        header.put("occurredAt", Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
        header.put("producer", "test");
        return header;
    }

}
