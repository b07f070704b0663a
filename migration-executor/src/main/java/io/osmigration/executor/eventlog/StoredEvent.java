package io.osmigration.executor.eventlog;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One event of a job or batch as kept for the live status streams. {@code seq} orders them across the whole
 * executor and is unique; a {@code gap} record holds a sequence number that was taken but never stored in time (a
 * writer that died, or stalled past the grace period), so readers can go on past it — it is never delivered.
 */
@Document(StoredEvent.COLLECTION)
record StoredEvent(@Id String eventId, long seq, String type, String topic, String batchId, String jobId,
                   String sourceId, Instant occurredAt, Instant storedAt, String data, boolean gap) {

    static final String COLLECTION = "events";
}
