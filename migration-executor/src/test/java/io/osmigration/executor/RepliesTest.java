package io.osmigration.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.osmigration.events.AcceptedJob;
import io.osmigration.events.FieldError;
import io.osmigration.events.MigrationRequestAccepted;
import io.osmigration.events.MigrationRequestRejected;
import io.osmigration.events.MigrationRequested;
import io.osmigration.executor.domain.Ids;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.schemas.EventCodec;

/**
 * A system that submits batches over Kafka hears back on osm.migration.replies, keyed by its requestId, within 2 s:
 * one reply per request, the same answer to a resent one, and a rejection naming each field for a wrong one.
 */
class RepliesTest extends ExecutorIntegrationTest {

    private static final Duration WITHIN = Duration.ofSeconds(2);
    private static final EventCodec CODEC = new EventCodec();
    private KafkaConsumer<String, byte[]> replies;
    private final List<SpecificRecord> seen = new ArrayList<>();

    @BeforeEach
    void listenFromNow() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.infra.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "replies-test-" + UUID.randomUUID());
        replies = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = replies.partitionsFor("osm.migration.replies").stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        replies.assign(partitions);
        replies.seekToEnd(partitions);
        partitions.forEach(replies::position);
    }

    @AfterEach
    void close() {
        replies.close();
    }

    @Test
    void anAcceptedRequestIsAnsweredWithItsJobsAndAResentOneGetsTheSameAnswer() {
        String sourceId = justImported("i-bp1replies00000001");
        String requestId = requestId();
        MigrationRequested first = request(requestId, true, List.of(sourceId));

        MigrationRequestAccepted accepted = awaitReply(first, MigrationRequestAccepted.class);

        assertThat(accepted.getRequestId()).isEqualTo(requestId);
        assertThat(accepted.getBatchId()).isEqualTo(Ids.batchId(requestId));
        assertThat(accepted.getCreated()).isTrue();
        assertThat(accepted.getJobs()).singleElement().satisfies(job -> {
            assertThat(job.getJobId()).isEqualTo(Ids.jobId(accepted.getBatchId(), sourceId));
            assertThat(job.getSourceId()).isEqualTo(sourceId);
            assertThat(job.getDestinationOs()).isEqualTo("anolis8");
        });

        MigrationRequestAccepted again = awaitReply(request(requestId, true, List.of(sourceId)),
                MigrationRequestAccepted.class);
        assertThat(again.getBatchId()).isEqualTo(accepted.getBatchId());
        assertThat(again.getCreated()).isFalse();
        assertThat(again.getJobs()).extracting(AcceptedJob::getJobId)
                .containsExactlyElementsOf(accepted.getJobs().stream().map(AcceptedJob::getJobId).toList());

        // The very same record delivered again (a producer retry) is answered once: consumers see one reply.
        env.peers.publisher().publish(sourceId, first).join();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() ->
                assertThat(repliesTo(first)).hasSize(1));
        client().post().uri("/api/v1/migrations/" + accepted.getBatchId() + ":cancel").exchange()
                .expectStatus().isOk();
    }

    @Test
    void aWrongRequestIsRejectedNamingEachFieldAndCreatesNothing() {
        String requestId = requestId();
        MigrationRequested wrong = request(requestId, false, List.of("s-nobodyknowsthis0001"));

        MigrationRequestRejected rejected = awaitReply(wrong, MigrationRequestRejected.class);

        assertThat(rejected.getRequestId()).isEqualTo(requestId);
        assertThat(rejected.getErrors()).extracting(FieldError::getField)
                .containsExactlyInAnyOrder("acknowledgeRisks", "targets[0].sourceId");
        assertThat(rejected.getErrors()).filteredOn(e -> e.getField().equals("targets[0].sourceId"))
                .extracting(FieldError::getMessage).containsExactly("unknown source s-nobodyknowsthis0001");
        client().get().uri("/api/v1/migrations/" + Ids.batchId(requestId)).exchange().expectStatus().isNotFound();
        assertThat(awaitReply(request(requestId, false, List.of("s-nobodyknowsthis0001")),
                MigrationRequestRejected.class).getErrors()).hasSize(2);
    }

    /** A source known to source-registry only, whose precheck never answers: the job stays put until cancelled. */
    private String justImported(String instanceId) {
        String sourceId = TestFleet.sourceId(instanceId + "-" + UUID.randomUUID().toString().substring(0, 4));
        env.registry.imported(sourceId, instanceId, TestFleet.REGION);
        env.peers.silencePrecheckOf(sourceId);
        return sourceId;
    }

    private MigrationRequested request(String requestId, boolean acknowledge, List<String> sourceIds) {
        MigrationRequested request = KafkaSubmissionTest.command(requestId, acknowledge, sourceIds);
        env.peers.publisher().publish(sourceIds.get(0), request).join();
        return request;
    }

    /** The reply to {@code request}, which must arrive within {@value} of sending it. */
    private <T extends SpecificRecord> T awaitReply(MigrationRequested request, Class<T> type) {
        Instant sent = Instant.now();
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).until(() -> {
            poll();
            return !repliesTo(request).isEmpty();
        });
        SpecificRecord reply = repliesTo(request).get(0);
        System.out.printf("Reply %s to %s after %d ms%n", reply.getSchema().getName(), request.getRequestId(),
                Duration.between(sent, Instant.now()).toMillis());
        assertThat(reply).isInstanceOf(type);
        return type.cast(reply);
    }

    private List<SpecificRecord> repliesTo(MigrationRequested request) {
        poll();
        String eventId = EventHeaders.of(request).getEventId();
        return seen.stream().filter(reply -> eventId.equals(EventHeaders.of(reply).getCausationId())).toList();
    }

    private void poll() {
        replies.poll(Duration.ofMillis(10)).forEach(record -> seen.add(CODEC.decode(record.value())));
    }
}
