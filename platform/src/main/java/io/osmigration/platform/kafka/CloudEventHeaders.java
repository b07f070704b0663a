package io.osmigration.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/** CloudEvents 1.0 Kafka protocol binding, binary content mode: event attributes travel as {@code ce_*} headers. */
public final class CloudEventHeaders {

    public static final String CONTENT_TYPE = "application/avro";

    private CloudEventHeaders() {
    }

    public static List<Header> of(String eventId, String type, String producer, Instant time) {
        return List.of(
                header("ce_specversion", "1.0"),
                header("ce_id", eventId),
                header("ce_source", "/osmigration/" + producer),
                header("ce_type", type),
                header("ce_time", time.toString()),
                header("content-type", CONTENT_TYPE));
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
