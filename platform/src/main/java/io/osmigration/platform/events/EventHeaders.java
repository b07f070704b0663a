package io.osmigration.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;

import io.osmigration.events.EventHeader;

/** Builds and reads the {@link EventHeader} every event carries. */
public final class EventHeaders {

    private EventHeaders() {
    }

    /**
     * A header whose event id is derived from {@code identity}: the same fact produces the same id, so if a crash
     * makes a service emit it twice, consumers drop the copy.
     */
    public static EventHeader deterministic(String producer, String identity, String batchId, String jobId,
                                            String causationId, Clock clock) {
        return EventHeader.newBuilder()
                .setEventId(deterministicId(identity))
                .setOccurredAt(clock.instant())
                .setProducer(producer)
                .setBatchId(batchId)
                .setJobId(jobId)
                .setCausationId(causationId)
                .build();
    }

    /** A header with a fresh random id, for facts that are new each time (a status observed, a request). */
    public static EventHeader random(String producer, String batchId, String jobId, String causationId, Instant at) {
        return EventHeader.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(at)
                .setProducer(producer)
                .setBatchId(batchId)
                .setJobId(jobId)
                .setCausationId(causationId)
                .build();
    }

    public static String deterministicId(String identity) {
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The header of any catalog event (all of them have a {@code header} field). */
    public static EventHeader of(SpecificRecord event) {
        int position = event.getSchema().getField("header").pos();
        return (EventHeader) event.get(position);
    }

    /** The CloudEvents type of an event: its Avro full name. */
    public static String typeOf(SpecificRecord event) {
        return event.getSchema().getFullName();
    }
}
