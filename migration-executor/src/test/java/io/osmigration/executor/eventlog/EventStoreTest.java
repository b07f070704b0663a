package io.osmigration.executor.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.osmigration.events.BatchResumed;
import io.osmigration.executor.ExecutorProperties;
import io.osmigration.infra.EmbeddedInfrastructure;
import io.osmigration.infra.ManualClock;
import io.osmigration.platform.events.EventHeaders;

/**
 * The event log's numbering: a number taken and never stored holds readers back only for the grace period, a writer
 * that comes after its number was closed stores under a new one, duplicates leave no hole, and retention keeps a
 * gap-free tail.
 */
class EventStoreTest {

    private static final Duration GRACE = Duration.ofSeconds(5);
    private static MongoClient client;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    private MongoTemplate mongo;
    private EventStore store;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(EmbeddedInfrastructure.shared().mongoUri());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void freshStore() {
        mongo = new MongoTemplate(client, "osm_eventstore_" + UUID.randomUUID().toString().substring(0, 8));
        store = new EventStore(mongo, clock);
    }

    @Test
    void aNumberTakenButNeverStoredHoldsReadersUntilTheGracePeriodThenIsClosed() {
        SequenceWatermark watermark = watermark();
        BatchResumed first = event();
        store.append("t", first, "b-1", null, null);
        long stalled = store.nextSeq(); // a writer takes number 2 and dies
        BatchResumed third = event();
        store.append("t", third, "b-1", null, null);

        assertThat(watermark.current()).isEqualTo(1);
        clock.advance(GRACE.dividedBy(2));
        assertThat(watermark.current()).as("still within the grace period").isEqualTo(1);
        clock.advance(GRACE);
        assertThat(watermark.current()).isEqualTo(3);

        assertThat(stalled).isEqualTo(2);
        assertThat(store.page(null, 0, 3, 10)).extracting(StoredEvent::eventId)
                .containsExactly(first.getHeader().getEventId(), third.getHeader().getEventId());
    }

    @Test
    void aWriterLaterThanTheGracePeriodStoresUnderANewNumberAboveTheWatermark() {
        SequenceWatermark watermark = watermark();
        long slow = store.nextSeq();
        store.append("t", event(), "b-1", null, null);
        watermark.current();
        clock.advance(GRACE.plusSeconds(1));
        assertThat(watermark.current()).as("number 1 closed as a gap").isEqualTo(2);

        BatchResumed late = event();
        assertThat(store.store("t", late, "b-1", null, null, slow)).isTrue();

        assertThat(store.seqOf(late.getHeader().getEventId())).contains(3L);
        assertThat(watermark.current()).isEqualTo(3);
        assertThat(store.page(null, 2, 3, 10)).extracting(StoredEvent::eventId)
                .containsExactly(late.getHeader().getEventId());
    }

    @Test
    void aDuplicateGivesItsNumberBackAtOnce() {
        SequenceWatermark watermark = watermark();
        BatchResumed once = event();
        assertThat(store.append("t", once, "b-1", null, null)).isTrue();
        assertThat(store.append("t", once, "b-1", null, null)).isFalse();
        store.append("t", event(), "b-1", null, null);

        assertThat(watermark.current()).as("no grace period to wait for").isEqualTo(3);
        assertThat(store.page(null, 0, 3, 10)).hasSize(2);
    }

    @Test
    void retentionDeletesAnOldPrefixAndANewReaderStartsAfterIt() {
        BatchResumed old = event();
        store.append("t", old, "b-1", null, null);
        store.append("t", event(), "b-1", null, null);
        clock.advance(Duration.ofDays(8));
        BatchResumed recent = event();
        store.append("t", recent, "b-1", null, null);

        assertThat(store.purgeOlderThan(Duration.ofDays(7))).isEqualTo(2);

        assertThat(store.seqOf(old.getHeader().getEventId())).as("an expired Last-Event-ID is unknown").isEmpty();
        SequenceWatermark newReplica = watermark();
        assertThat(newReplica.current()).isEqualTo(3);
        assertThat(store.page("b-1", 0, 3, 10)).extracting(StoredEvent::eventId)
                .containsExactly(recent.getHeader().getEventId());
    }

    private SequenceWatermark watermark() {
        ExecutorProperties properties = new ExecutorProperties(5000, 20, 4, Duration.ofMillis(200),
                Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofHours(2), Duration.ofMinutes(5),
                Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofMinutes(15), Duration.ofSeconds(60),
                Duration.ZERO, Duration.ofSeconds(10),
                new ExecutorProperties.DeadlineSettings(null, null, null, null, null, null, null),
                new ExecutorProperties.CloudRetry(8, Duration.ofSeconds(2), Duration.ofMinutes(2)),
                new ExecutorProperties.Registry("", "", Duration.ofSeconds(5), 8),
                new ExecutorProperties.Events(Duration.ofDays(7), GRACE),
                new ExecutorProperties.Polling(Duration.ofMillis(500), 0.5, Duration.ofSeconds(60), 100));
        return new SequenceWatermark(store, clock, properties);
    }

    private BatchResumed event() {
        return BatchResumed.newBuilder().setHeader(EventHeaders.random("test", "b-1", null, null, clock.instant()))
                .setBatchId("b-1").setBy("test").build();
    }
}
