package io.osmigration.executor.eventlog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import io.osmigration.events.EventHeader;
import io.osmigration.platform.events.EventHeaders;

/**
 * The stored event history behind the SSE streams: every event of a job, consumed or produced, once (keyed by its
 * eventId), numbered by a global sequence so a reader can resume after the last one it saw.
 */
@Service
public class EventStore {

    private static final String COUNTERS = "counters";

    private final MongoTemplate mongo;

    public EventStore(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(StoredEvent.COLLECTION).createIndex(new Index().on("seq", Sort.Direction.ASC).named("seq"));
        mongo.indexOps(StoredEvent.COLLECTION).createIndex(new Index().on("batchId", Sort.Direction.ASC)
                .on("seq", Sort.Direction.ASC).named("batch_seq"));
    }

    /** Appends the event unless it is stored already; returns whether it was new. */
    public boolean append(String topic, SpecificRecord event, String batchId, String jobId, String sourceId) {
        EventHeader header = EventHeaders.of(event);
        if (mongo.exists(new Query(Criteria.where("_id").is(header.getEventId())), StoredEvent.COLLECTION)) {
            return false;
        }
        StoredEvent stored = new StoredEvent(header.getEventId(), nextSeq(), event.getSchema().getName(), topic, batchId,
                jobId, sourceId, header.getOccurredAt() == null ? Instant.now() : header.getOccurredAt(),
                EventJson.write(event));
        try {
            mongo.insert(stored, StoredEvent.COLLECTION);
            return true;
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }

    /** Events after {@code seq}, oldest first; of one batch, or of all when {@code batchId} is null. */
    public List<StoredEvent> after(String batchId, long seq, int limit) {
        Criteria criteria = Criteria.where("seq").gt(seq);
        if (batchId != null) {
            criteria = criteria.and("batchId").is(batchId);
        }
        return mongo.find(new Query(criteria).with(Sort.by("seq")).limit(limit), StoredEvent.class,
                StoredEvent.COLLECTION);
    }

    /** The sequence number of a stored event, for resuming after it ({@code Last-Event-ID}). */
    public Optional<Long> seqOf(String eventId) {
        return Optional.ofNullable(mongo.findById(eventId, StoredEvent.class, StoredEvent.COLLECTION))
                .map(StoredEvent::seq);
    }

    private long nextSeq() {
        Document counter = mongo.findAndModify(new Query(Criteria.where("_id").is("events")),
                new Update().inc("value", 1L), FindAndModifyOptions.options().upsert(true).returnNew(true),
                Document.class, COUNTERS);
        return ((Number) counter.get("value")).longValue();
    }
}
