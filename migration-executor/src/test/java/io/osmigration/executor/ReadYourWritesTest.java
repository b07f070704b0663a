package io.osmigration.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A client imports sources in source-registry and submits a batch for them at once: the executor has not heard of
 * them on osm.sources yet, asks the registry, and accepts. A source the registry does not know either is refused.
 */
class ReadYourWritesTest extends ExecutorIntegrationTest {

    private static final int REPETITIONS = 50;
    private static final int SOURCES = 250;

    @Test
    @SuppressWarnings("unchecked")
    void aBatchSubmittedRightAfterTheImportIsAcceptedEveryTime() {
        long slowest = 0;
        for (int repetition = 0; repetition < REPETITIONS; repetition++) {
            List<String> imported = new ArrayList<>();
            for (int n = 0; n < SOURCES; n++) {
                String instanceId = String.format("i-bp1ryw%04d%08d", repetition, n);
                String sourceId = TestFleet.sourceId(instanceId);
                env.registry.imported(sourceId, instanceId, TestFleet.REGION);
                // No such server in the simulator: keep the one released job in PRECHECKING until it is cancelled.
                env.peers.silencePrecheckOf(sourceId);
                imported.add(sourceId);
            }
            // Submitted right after the import: the executor has not heard of these sources on osm.sources.
            long importedAt = System.nanoTime();
            Map<String, Object> body = new HashMap<>(Map.of("requestId", requestId(), "destinationOs", "anolis8",
                    "acknowledgeRisks", true, "maxParallel", 1,
                    "targets", imported.stream().map(id -> Map.of("sourceId", id)).toList()));
            Map<String, Object> created = client().post().uri("/api/v1/migrations").bodyValue(body).exchange()
                    .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();

            assertThat(jobs(created)).hasSize(SOURCES).extracting(job -> job.get("sourceId"))
                    .containsExactlyElementsOf(imported);
            String batchId = (String) created.get("batchId");
            // Nothing of these servers exists in the simulator: end the batch before its first job gets far.
            client().post().uri("/api/v1/migrations/" + batchId + ":cancel").exchange().expectStatus().isOk();
            slowest = Math.max(slowest, (System.nanoTime() - importedAt) / 1_000_000);
            forget(batchId, imported);
        }
        System.out.printf("ReadYourWrites: %d batches of %d just-imported sources accepted; slowest submit+cancel"
                + " %d ms%n", REPETITIONS, SOURCES, slowest);
    }

    @Test
    void aSourceNobodyKnowsIsStillA400NamingTheTarget() {
        String known = TestFleet.sourceId(TestFleet.clean(1));
        String instanceId = "i-bp1rywjust00000001";
        String justImported = TestFleet.sourceId(instanceId);
        env.registry.imported(justImported, instanceId, TestFleet.REGION);
        Map<String, Object> body = Map.of("requestId", requestId(), "destinationOs", "anolis8",
                "acknowledgeRisks", true, "targets", List.of(Map.of("sourceId", known),
                        Map.of("sourceId", justImported), Map.of("sourceId", "s-nobodyknowsthis0000")));

        client().post().uri("/api/v1/migrations").bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("targets[2].sourceId")
                .jsonPath("$.errors[0].message").isEqualTo("unknown source s-nobodyknowsthis0000");
    }

    /**
     * Once the batch has finished, its generated jobs and sources go: the embedded MongoDB scans whole collections,
     * and the shared database must stay as small as the other test classes expect.
     */
    private void forget(String batchId, List<String> imported) {
        await().atMost(TIMEOUT).until(() -> getBatch(batchId).get("finishedAt") != null);
        mongo.getCollection("jobs").deleteMany(new Document("batchId", batchId));
        mongo.getCollection("batches").deleteMany(new Document("_id", batchId));
        mongo.getCollection("sources").deleteMany(new Document("_id", new Document("$in", imported)));
    }
}
