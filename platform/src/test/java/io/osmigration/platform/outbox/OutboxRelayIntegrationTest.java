package io.osmigration.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexField;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import com.mongodb.client.MongoClient;

import io.osmigration.events.SourceImported;
import io.osmigration.platform.PlatformTestBase;
import io.osmigration.platform.idempotency.ProcessedEvents;
import io.osmigration.platform.kafka.EventPublisher;
import io.osmigration.platform.testapp.Widget;
import io.osmigration.schemas.Topics;

/**
 * The outbox relay against the embedded Kafka broker and MongoDB server: two replicas' relays over the same documents,
 * a dead replica's claim, and the indexes declared. (That a save wakes the relay: {@code PlatformIntegrationTest}.)
 */
class OutboxRelayIntegrationTest extends PlatformTestBase {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    EventPublisher publisher;
    @Autowired
    MongoClient client;

    @Test
    void twoReplicasRelayingTheSameDocumentsSendEachMessageOnce() {
        String collection = "race_" + UUID.randomUUID().toString().replace("-", "");
        String prefix = "s-race-" + UUID.randomUUID() + "-";
        OutboxRelay first = relay(collection);
        OutboxRelay second = relay(collection);
        first.start();
        second.start();
        try {
            for (int i = 0; i < 100; i++) {
                Widget widget = new Widget("w-" + i, "raced");
                for (int message = 0; message < 2; message++) {
                    SourceImported event = sourceImported(prefix + i);
                    widget.raise(OutboxMessage.of(event.getSourceId(), event));
                }
                mongo.insert(widget, collection);
                first.wakeUp();
                second.wakeUp();
            }
            await().untilAsserted(() -> assertThat(mongo.count(
                    new Query(Criteria.where("outbox.eventId").gt("")), collection)).isZero());
        } finally {
            first.stop();
            second.stop();
        }

        List<ConsumerRecord<String, byte[]>> records = recordsUntilTheEnd(Topics.SOURCES.name(), key -> key.startsWith(prefix), 200);
        Map<String, Long> copies = records.stream().collect(Collectors.groupingBy(
                record -> new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8),
                Collectors.counting()));
        assertThat(copies).as("events on the topic").hasSize(200);
        assertThat(copies.values().stream().filter(count -> count > 1).count()).as("events sent twice").isZero();
        assertThat(first.relayed() + second.relayed()).isEqualTo(200);
        assertThat(mongo.findAll(Document.class, collection))
                .as("each document relayed in one pull, so its version went up once")
                .allSatisfy(document -> assertThat(document.get("version")).isEqualTo(1L));
    }

    @Test
    void aDeadReplicasDocumentsWaitForItsClaimToExpireAndAreThenRelayedByAnother() {
        String collection = "orphaned_" + UUID.randomUUID().toString().replace("-", "");
        SourceImported event = sourceImported("s-orphaned-" + UUID.randomUUID());
        Widget widget = new Widget("w-orphaned", "left behind");
        widget.raise(OutboxMessage.of(event.getSourceId(), event));
        mongo.insert(widget, collection);
        String claimId = OutboxClaims.key(collection, widget.id());
        mongo.insert(new Document("_id", claimId).append("token", "dead").append("owner", "a-replica-that-died")
                .append("until", Instant.now().plus(Duration.ofHours(1))), OutboxClaims.COLLECTION);
        OutboxRelay survivor = relay(collection);

        assertThat(survivor.runOnce()).as("sent while the dead replica's claim lasts").isZero();

        mongo.updateFirst(new Query(Criteria.where("_id").is(claimId)),
                new Update().set("until", Instant.now().minusSeconds(1)), OutboxClaims.COLLECTION);
        assertThat(survivor.runOnce()).as("sent once the claim expired").isEqualTo(1);
        assertThat(recordsUntilTheEnd(Topics.SOURCES.name(), key -> key.equals(event.getSourceId()), 1)).hasSize(1);
        assertThat(mongo.exists(new Query(Criteria.where("_id").is(claimId)), OutboxClaims.COLLECTION)).isFalse();
    }

    @Test
    void theRelayFindsPendingDocumentsThroughAnIndexAndLeftoverClaimsExpire() {
        assertThat(index("widgets", OutboxRelay.PENDING_INDEX)).hasValueSatisfying(index ->
                assertThat(index.getIndexFields()).extracting(IndexField::getKey).containsExactly("outbox.eventId"));
        assertThat(index(OutboxClaims.COLLECTION, "until_ttl")).hasValueSatisfying(index ->
                assertThat(index.getExpireAfter()).contains(OutboxClaims.LEFTOVER_RETENTION));
    }

    @Test
    void processedEventsExpireAfterTheConfiguredRetention() {
        assertThat(index(ProcessedEvents.COLLECTION, ProcessedEvents.RETENTION_INDEX)).hasValueSatisfying(index -> {
            assertThat(index.getIndexFields()).extracting(IndexField::getKey).containsExactly("at");
            assertThat(index.getExpireAfter()).contains(Duration.ofDays(3));
        });
    }

    @Test
    void aChangedRetentionReplacesTheExpiryOfTheIndex() {
        MongoTemplate elsewhere = new MongoTemplate(client,
                "osm_retention_" + UUID.randomUUID().toString().substring(0, 8));
        new ProcessedEvents(elsewhere, Duration.ofDays(1));
        new ProcessedEvents(elsewhere, Duration.ofDays(2));

        List<IndexInfo> retention = elsewhere.indexOps(ProcessedEvents.COLLECTION).getIndexInfo().stream()
                .filter(index -> index.getName().equals(ProcessedEvents.RETENTION_INDEX)).toList();
        assertThat(retention).singleElement()
                .satisfies(index -> assertThat(index.getExpireAfter()).contains(Duration.ofDays(2)));
    }

    private OutboxRelay relay(String collection) {
        return new OutboxRelay(mongo, publisher,
                new OutboxProperties(List.of(collection), Duration.ofHours(1), 50, Duration.ofMinutes(1)));
    }

    private Optional<IndexInfo> index(String collection, String name) {
        return mongo.indexOps(collection).getIndexInfo().stream().filter(index -> index.getName().equals(name))
                .findFirst();
    }
}
