package io.osmigration.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the executor's end-to-end tests: one shared Spring context on the shared environment (broker, MongoDB,
 * simulator, fake peers). Subclasses must not change the configuration, so the context is reused.
 */
@SpringBootTest(classes = MigrationExecutorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=migration-executor", "spring.application.name=migration-executor"})
abstract class ExecutorIntegrationTest {

    /** Generous: the 2-core build machine is shared, and a job takes a few seconds end to end. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final TestEnvironment env = TestEnvironment.get();

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        env.properties().forEach((key, value) -> registry.add(key, () -> value));
    }

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(20))
                .defaultHeader("Authorization", "Bearer " + TestEnvironment.TOKEN).build();
    }

    static String requestId() {
        return "req-" + UUID.randomUUID();
    }

    static Map<String, Object> batch(String requestId, String drillMode, List<String> instanceIds) {
        return Map.of("requestId", requestId, "destinationOs", "anolis8", "drillMode", drillMode,
                "acknowledgeRisks", true,
                "targets", instanceIds.stream().map(id -> Map.of("sourceId", TestFleet.sourceId(id))).toList());
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> submit(Map<String, Object> body) {
        return client().post().uri("/api/v1/migrations").bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> getBatch(String batchId) {
        return client().get().uri("/api/v1/migrations/" + batchId).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> jobs(Map<String, Object> batch) {
        return (List<Map<String, Object>>) batch.get("jobs");
    }

    static Map<String, Object> job(Map<String, Object> batch, String instanceId) {
        String sourceId = TestFleet.sourceId(instanceId);
        return jobs(batch).stream().filter(j -> sourceId.equals(j.get("sourceId"))).findFirst().orElseThrow();
    }

    /** Waits until the job of {@code instanceId} in the batch is in {@code state}; returns the job. */
    Map<String, Object> awaitJobState(String batchId, String instanceId, String state) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(job(getBatch(batchId), instanceId).get("state")).isEqualTo(state));
        return job(getBatch(batchId), instanceId);
    }

    /** Waits until every sources' catalog entry arrived from osm.sources (the import ran before the context). */
    void awaitCatalog() {
        // Every instance of the test fleet (TestEnvironment imports them all).
        await().atMost(TIMEOUT).until(() -> mongo.getCollection("sources").countDocuments() >= TestFleet.CLEAN + 12);
    }
}
