package io.osmigration.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.osmigration.events.FieldError;
import io.osmigration.events.MigrationRequestRejected;
import io.osmigration.events.MigrationRequested;
import io.osmigration.events.MigrationTarget;
import io.osmigration.executor.domain.Ids;
import io.osmigration.platform.events.EventHeaders;

/** Other systems submit batches as MigrationRequested (no jobId) on osm.migration.requests: same path as REST. */
class KafkaSubmissionTest extends ExecutorIntegrationTest {

    @BeforeEach
    void catalog() {
        awaitCatalog();
    }

    @Test
    void aKafkaSubmissionRunsLikeARestOne() {
        String requestId = requestId();
        String sourceId = TestFleet.sourceId(TestFleet.clean(5));
        MigrationRequested command = command(requestId, true, List.of(sourceId));
        env.peers.publisher().publish(sourceId, command).join();
        // The same command again (a redelivery or a retrying producer) changes nothing.
        env.peers.publisher().publish(sourceId, command(requestId, true, List.of(sourceId))).join();

        String batchId = Ids.batchId(requestId);
        await().atMost(TIMEOUT).untilAsserted(() -> client().get().uri("/api/v1/migrations/" + batchId).exchange()
                .expectStatus().isOk());
        awaitJobState(batchId, TestFleet.clean(5), "COMPLETED");
        assertThat(mongo.getCollection("batches").countDocuments(new org.bson.Document("batch.requestId", requestId)))
                .isEqualTo(1);
    }

    @Test
    void anInvalidKafkaSubmissionIsRejectedWithTheReasonsNotDeadLettered() {
        String requestId = requestId();
        String sourceId = "s-doesnotexist00000000";
        env.peers.publisher().publish(sourceId, command(requestId, false, List.of(sourceId))).join();

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(env.recorder.all()).anySatisfy(record -> {
            assertThat(record.topic()).isEqualTo("osm.migration.replies");
            assertThat(record.key()).isEqualTo(requestId);
            assertThat(record.event()).isInstanceOfSatisfying(MigrationRequestRejected.class, rejected ->
                    assertThat(rejected.getErrors()).extracting(FieldError::getField)
                            .contains("acknowledgeRisks", "targets[0].sourceId"));
        }));
        client().get().uri("/api/v1/migrations/" + Ids.batchId(requestId)).exchange().expectStatus().isNotFound();
        assertThat(env.recorder.all()).noneMatch(record -> record.topic().equals("osm.migration.requests.DLT")
                && record.event() instanceof MigrationRequested request && requestId.equals(request.getRequestId()));
    }

    static MigrationRequested command(String requestId, boolean acknowledge, List<String> sourceIds) {
        return MigrationRequested.newBuilder()
                .setHeader(EventHeaders.random("ops-portal", null, null, null, Instant.now()))
                .setRequestId(requestId)
                .setDestinationOs("anolis8")
                .setAcknowledgeRisks(acknowledge)
                .setTargets(sourceIds.stream().map(id -> MigrationTarget.newBuilder().setSourceId(id).build()).toList())
                .build();
    }
}
