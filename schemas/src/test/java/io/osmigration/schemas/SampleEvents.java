package io.osmigration.schemas;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** Builds a valid instance of any event by walking its schema, so tests cover every event type without lists. */
final class SampleEvents {

    private SampleEvents() {
    }

    static SpecificRecord sample(Class<? extends SpecificRecord> type) {
        Schema schema = SpecificData.get().getSchema(type);
        return (SpecificRecord) valueFor(schema, schema.getName());
    }

    static GenericData.Record sampleGeneric(Schema schema) {
        return (GenericData.Record) genericValue(schema, schema.getName());
    }

    private static Object valueFor(Schema schema, String hint) {
        return switch (schema.getType()) {
            case RECORD -> {
                SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), valueFor(field.schema(), field.name()));
                }
                yield record;
            }
            default -> scalar(schema, hint);
        };
    }

    private static Object genericValue(Schema schema, String hint) {
        if (schema.getType() == Schema.Type.RECORD) {
            GenericData.Record record = new GenericData.Record(schema);
            schema.getFields().forEach(field -> record.put(field.name(), genericValue(field.schema(), field.name())));
            return record;
        }
        return scalar(schema, hint);
    }

    private static Object scalar(Schema schema, String hint) {
        return switch (schema.getType()) {
            case STRING -> hint + "-value";
            case LONG -> schema.getLogicalType() != null ? java.time.Instant.ofEpochMilli(1_700_000_000_000L) : 42L;
            case INT -> 7;
            case DOUBLE -> 1.5;
            case BOOLEAN -> true;
            case ARRAY -> new ArrayList<>(List.of());
            case MAP -> new java.util.HashMap<>(java.util.Map.of(hint + "-key", scalar(schema.getValueType(), hint)));
            case UNION -> null;
            default -> throw new IllegalArgumentException("No sample for " + schema);
        };
    }
}
