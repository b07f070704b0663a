package io.osmigration.executor.eventlog;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** One event of a job as kept for the live status streams; {@code seq} orders them across the whole executor. */
@Document(StoredEvent.COLLECTION)
public record StoredEvent(@Id String eventId, long seq, String type, String topic, String batchId, String jobId,
                          String sourceId, Instant occurredAt, String data) {

    public static final String COLLECTION = "events";
}
