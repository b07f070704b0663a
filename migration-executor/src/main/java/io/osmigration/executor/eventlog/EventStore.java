package io.osmigration.executor.eventlog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.osmigration.events.EventHeader;
import io.osmigration.platform.events.EventHeaders;

/**
 * The stored event history behind the SSE streams: every event of a job or batch, consumed or produced, once (keyed
 * by its eventId), numbered by a global sequence under a unique index so a reader can resume after the last one it
 * saw.
 *
 * <p>Gap-free reading. A writer takes a number, then inserts; writers run concurrently (listener threads, replicas),
 * so number 7 may be stored after number 8. Readers therefore never look past the <em>watermark</em> (see
 * {@link SequenceWatermark}): the highest number up to which every number is stored. A number that stays missing
 * longer than the grace period while later ones are stored is closed with a {@code gap} record under that number; a
 * writer that arrives after that hits the unique index, takes a new number and stores its event above the watermark.
 * So every stored event is delivered, once, in the order of its number.
 */
@Component
public class EventStore {

    private static final Logger log = LoggerFactory.getLogger(EventStore.class);
    private static final String COUNTERS = "counters";
    private static final String COUNTER_ID = "events";
    private static final int MAX_NUMBERS_PER_EVENT = 20;

    private final MongoTemplate mongo;
    private final Clock clock;

    EventStore(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
        mongo.indexOps(StoredEvent.COLLECTION).createIndex(new Index().on("seq", Sort.Direction.ASC).unique()
                .named("seq_unique"));
        mongo.indexOps(StoredEvent.COLLECTION).createIndex(new Index().on("batchId", Sort.Direction.ASC)
                .on("seq", Sort.Direction.ASC).named("batch_seq"));
        mongo.indexOps(StoredEvent.COLLECTION).createIndex(new Index().on("storedAt", Sort.Direction.ASC)
                .named("stored_at"));
    }

    /**
     * Appends the event unless it is stored already; returns whether it was new. Two round trips: take a number,
     * insert. A duplicate (the same event consumed again) gives its number back at once as a gap, so no reader waits
     * for it.
     */
    public boolean append(String topic, SpecificRecord event, String batchId, String jobId, String sourceId) {
        return store(topic, event, batchId, jobId, sourceId, nextSeq());
    }

    /** Stores the event under {@code seq}, or under a new number if a reader closed that one as a gap meanwhile. */
    boolean store(String topic, SpecificRecord event, String batchId, String jobId, String sourceId, long seq) {
        EventHeader header = EventHeaders.of(event);
        String eventId = header.getEventId();
        Instant occurredAt = header.getOccurredAt() == null ? clock.instant() : header.getOccurredAt();
        String data = EventJson.write(event);
        long number = seq;
        for (int attempt = 1; attempt <= MAX_NUMBERS_PER_EVENT; attempt++) {
            try {
                mongo.insert(new StoredEvent(eventId, number, event.getSchema().getName(), topic, batchId, jobId,
                        sourceId, occurredAt, clock.instant(), data, false), StoredEvent.COLLECTION);
                return true;
            } catch (DuplicateKeyException taken) {
                if (mongo.exists(new Query(Criteria.where("_id").is(eventId)), StoredEvent.COLLECTION)) {
                    closeGap(number); // stored before (a redelivery): this number stays unused
                    return false;
                }
                // A reader closed this number as a gap while we were slow: store the event under a new one.
                log.info("Event number {} was closed as a gap before event {} was stored; taking another", number,
                        eventId);
                number = nextSeq();
            }
        }
        throw new IllegalStateException("event " + eventId + " could not be stored under "
                + MAX_NUMBERS_PER_EVENT + " sequence numbers");
    }

    /** Closes a missing number so readers can go past it; false if it was stored meanwhile. */
    boolean closeGap(long seq) {
        try {
            mongo.insert(new StoredEvent("gap:" + seq, seq, "gap", null, null, null, null, null, clock.instant(),
                    null, true), StoredEvent.COLLECTION);
            return true;
        } catch (DuplicateKeyException filled) {
            return false;
        }
    }

    /**
     * Which of the numbers {@code after+1 .. after+window} are stored (events or gaps), ascending: what the watermark
     * walks. Asked by the exact numbers, so the unique index answers it.
     */
    List<Long> storedAmong(long after, int window) {
        Query query = new Query(Criteria.where("seq").in(range(after, after + window))).with(Sort.by("seq"));
        query.fields().include("seq");
        return mongo.find(query, Document.class, StoredEvent.COLLECTION).stream()
                .map(document -> ((Number) document.get("seq")).longValue()).toList();
    }

    /**
     * Events (no gaps) numbered in {@code (after, upTo]}, oldest first, at most {@code limit}; of one batch, or of all
     * when {@code batchId} is null. Every number up to {@code upTo} is stored (it is at most the watermark), so a
     * short range is asked for by its exact numbers (the unique index on {@code seq}); a long one of a batch by the
     * batch's index.
     */
    List<StoredEvent> page(String batchId, long after, long upTo, int limit) {
        if (upTo <= after) {
            return List.of();
        }
        if (batchId == null || upTo - after <= limit) {
            long last = Math.min(upTo, after + limit);
            List<StoredEvent> window = mongo.find(new Query(Criteria.where("seq").in(range(after, last)))
                    .with(Sort.by("seq")), StoredEvent.class, StoredEvent.COLLECTION);
            return window.stream().filter(e -> !e.gap() && (batchId == null || batchId.equals(e.batchId()))).toList();
        }
        Criteria criteria = Criteria.where("batchId").is(batchId).and("seq").gt(after).lte(upTo).and("gap").ne(true);
        return mongo.find(new Query(criteria).with(Sort.by("seq")).limit(limit), StoredEvent.class,
                StoredEvent.COLLECTION);
    }

    private static List<Long> range(long after, long last) {
        List<Long> numbers = new java.util.ArrayList<>((int) Math.max(0, last - after));
        for (long seq = after + 1; seq <= last; seq++) {
            numbers.add(seq);
        }
        return numbers;
    }

    /** The sequence number of a stored event, for resuming after it ({@code Last-Event-ID}). */
    Optional<Long> seqOf(String eventId) {
        Query query = new Query(Criteria.where("_id").is(eventId));
        query.fields().include("seq").include("gap");
        return Optional.ofNullable(mongo.findOne(query, Document.class, StoredEvent.COLLECTION))
                .filter(document -> !Boolean.TRUE.equals(document.getBoolean("gap")))
                .map(document -> ((Number) document.get("seq")).longValue());
    }

    /** Highest number known to have every number below it stored (or purged); 0 for a new store. */
    long persistedWatermark() {
        Document counter = mongo.findById(COUNTER_ID, Document.class, COUNTERS);
        if (counter == null) {
            return 0;
        }
        return Math.max(number(counter, "contiguousThrough"), number(counter, "purgedThrough"));
    }

    /** Records progress of the watermark, so a replica that starts later need not walk the whole history. */
    void persistWatermark(long watermark) {
        mongo.upsert(new Query(Criteria.where("_id").is(COUNTER_ID)), new Update().max("contiguousThrough", watermark),
                COUNTERS);
    }

    /**
     * Deletes what was stored longer ago than {@code retention}: everything numbered up to the newest such event, so
     * what remains is still a gap-free tail. Returns how many records went.
     */
    long purgeOlderThan(Duration retention) {
        Query old = new Query(Criteria.where("storedAt").lt(clock.instant().minus(retention)))
                .with(Sort.by(Sort.Direction.DESC, "seq")).limit(1);
        old.fields().include("seq");
        Document newestOld = mongo.findOne(old, Document.class, StoredEvent.COLLECTION);
        if (newestOld == null) {
            return 0;
        }
        long through = ((Number) newestOld.get("seq")).longValue();
        mongo.upsert(new Query(Criteria.where("_id").is(COUNTER_ID)), new Update().max("purgedThrough", through),
                COUNTERS);
        long deleted = mongo.remove(new Query(Criteria.where("seq").lte(through)), StoredEvent.COLLECTION)
                .getDeletedCount();
        log.info("Event log: {} records older than {} deleted (through number {})", deleted, retention, through);
        return deleted;
    }

    /** Takes the next number; package-private so tests can play a writer that takes one and stalls. */
    long nextSeq() {
        Document counter = mongo.findAndModify(new Query(Criteria.where("_id").is(COUNTER_ID)),
                new Update().inc("value", 1L), FindAndModifyOptions.options().upsert(true).returnNew(true),
                Document.class, COUNTERS);
        return ((Number) counter.get("value")).longValue();
    }

    private static long number(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number n ? n.longValue() : 0;
    }
}
