package io.osmigration.schemas;

import java.util.List;
import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;

/**
 * One Kafka topic of the contract: its name, what its record key is, and which events it carries.
 *
 * @param name       the topic name, e.g. {@code osm.sources}
 * @param key        what the record key holds (the source id, UTF-8, so one server's events stay ordered; replies and batch events say what they are keyed by)
 * @param eventTypes the Avro event classes published to it
 */
public record Topic(String name, String key, List<Class<? extends SpecificRecord>> eventTypes) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        eventTypes = List.copyOf(eventTypes);
    }

    /** The dead-letter topic that records of this topic go to when they cannot be read or handled. */
    public String deadLetterTopic() {
        return name + ".DLT";
    }

    public boolean carries(Class<? extends SpecificRecord> eventType) {
        return eventTypes.contains(eventType);
    }
}
