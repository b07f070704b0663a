package io.osmigration.executor.eventlog;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

import tools.jackson.databind.json.JsonMapper;

/** Avro events as plain JSON (field names as in the schema, times as ISO-8601) for the SSE {@code data:} lines. */
final class EventJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EventJson() {
    }

    static String write(IndexedRecord event) {
        return JSON.writeValueAsString(toPlain(event));
    }

    private static Object toPlain(Object value) {
        if (value instanceof IndexedRecord record) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Schema.Field field : record.getSchema().getFields()) {
                map.put(field.name(), toPlain(record.get(field.pos())));
            }
            return map;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> list = new ArrayList<>();
            collection.forEach(item -> list.add(toPlain(item)));
            return list;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> plain = new LinkedHashMap<>();
            map.forEach((k, v) -> plain.put(String.valueOf(k), toPlain(v)));
            return plain;
        }
        if (value instanceof CharSequence || value instanceof java.time.temporal.TemporalAccessor
                || value instanceof Enum<?> || value instanceof ByteBuffer) {
            return value.toString();
        }
        return value;
    }
}
