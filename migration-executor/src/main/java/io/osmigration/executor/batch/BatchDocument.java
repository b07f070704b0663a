package io.osmigration.executor.batch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import io.osmigration.executor.domain.Batch;
import io.osmigration.platform.lease.Lease;
import io.osmigration.platform.outbox.OutboxMessage;

/**
 * One batch as stored: the domain value, its outbox, and the lease of the replica reconciling it. {@code state},
 * {@code createdAt} and {@code dueAt} mirror the value for queries; {@code dueAt} is when the batch worker looks at
 * it next (null once it finished).
 */
@Document(BatchStore.COLLECTION)
class BatchDocument {

    @Id
    private String id;
    private Batch batch;
    private String state;
    private Instant createdAt;
    private Instant dueAt;
    /** Counts the requests for a look; a look that started before the last one does not push the next one back. */
    private long nudges;
    private Lease lease;
    private List<OutboxMessage> outbox = new ArrayList<>();
    /**
     * Grows with every change of the value: writers of the value compare it, so no change is lost. Unlike
     * {@code version} (which the outbox relay and every claim bump too) it moves only when the value does, so a relay
     * sending the last change's events never makes a worker redo its move.
     */
    private long revision;
    @Version
    private Long version;

    BatchDocument() {
    }

    static BatchDocument of(Batch batch, List<OutboxMessage> events, Instant dueAt) {
        BatchDocument document = new BatchDocument();
        document.id = batch.batchId();
        document.batch = batch;
        document.state = batch.state().name();
        document.createdAt = batch.createdAt();
        document.dueAt = dueAt;
        document.outbox = new ArrayList<>(events);
        document.version = 0L;
        return document;
    }

    String id() {
        return id;
    }

    Batch batch() {
        return batch;
    }

    long revision() {
        return revision;
    }

    long nudges() {
        return nudges;
    }
}
