package io.osmigration.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.osmigration.events.AuditRecorded;
import io.osmigration.schemas.Topics;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Roles, issued tokens and the audit trail of the platform's security filter, against the test app's endpoints
 * (viewer: GET widget, operator: POST widget, admin: DELETE widget) and the real shared security database and Kafka.
 */
class PlatformSecurityTest extends PlatformTestBase {

    static final String ADMIN = "test-token";
    static final String OPERATOR = "operator-token";
    static final String VIEWER = "viewer-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void eachEndpointNeedsItsRoleAndATooLowRoleGets403NamingTheRole() {
        web().get().uri("/api/test/widgets/w1").exchange().expectStatus().isUnauthorized();
        web(VIEWER).get().uri("/api/test/widgets/w1").exchange().expectStatus().isNotFound();
        web(VIEWER).get().uri("/api/test/undeclared").exchange().expectStatus().isOk();

        web(VIEWER).post().uri("/api/test/widgets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "v", "size", 1)).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.requiredRole").isEqualTo("operator")
                .jsonPath("$.role").isEqualTo("viewer")
                .jsonPath("$.detail").isEqualTo("widget.create needs the operator role; the token 'test-viewer' has the viewer role");
        web(OPERATOR).post().uri("/api/test/widgets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "o", "size", 1)).exchange().expectStatus().isOk();
        web(OPERATOR).delete().uri("/api/test/widgets/w1").exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.requiredRole").isEqualTo("admin");
        web(ADMIN).delete().uri("/api/test/widgets/w1").exchange().expectStatus().isOk();
        web(VIEWER).post().uri("/api/test/undeclared").exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.requiredRole").isEqualTo("operator");
    }

    @Test
    void theSessionTellsTheTokensNameAndRoles() {
        web(OPERATOR).get().uri("/api/v1/session").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("test-operator")
                .jsonPath("$.role").isEqualTo("operator")
                .jsonPath("$.roles").isEqualTo(List.of("viewer", "operator"));
        web().get().uri("/api/v1/session").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void anIssuedTokenWorksOnItsRoleUntilItIsRevokedOrExpiresAndIsStoredOnlyAsAHash() {
        String name = "ci-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode issued = issue(Map.of("name", name, "role", "operator", "validityDays", 7, "description", "ci"), 201);
        String token = issued.get("token").asString();
        assertThat(token).startsWith("osm_").hasSizeGreaterThan(40);
        assertThat(issued.get("role").asString()).isEqualTo("operator");
        assertThat(Instant.parse(issued.get("expiresAt").asString())).isAfter(Instant.now().plus(Duration.ofDays(6)));
        assertThat(issued.get("createdBy").asString()).isEqualTo("api-token-1");

        web(token).post().uri("/api/test/widgets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "it", "size", 1)).exchange().expectStatus().isOk();
        web(token).delete().uri("/api/test/widgets/w1").exchange().expectStatus().isForbidden();
        String stored = securityDb("tokens").toString();
        assertThat(stored).contains(name).doesNotContain(token);
        String listed = body(web(ADMIN).get().uri("/api/v1/tokens").exchange().expectStatus().isOk());
        assertThat(listed).contains(name).contains("test-viewer").doesNotContain(token);

        issue(Map.of("name", name, "role", "viewer"), 409);
        issue(Map.of("name", "test-viewer", "role", "viewer"), 409);
        JsonNode badRole = issue(Map.of("name", name + "-x", "role", "root"), 400);
        assertThat(badRole.get("errors").get(0).get("field").asString()).isEqualTo("role");
        web(OPERATOR).post().uri("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "nope", "role", "admin")).exchange().expectStatus().isForbidden();

        String id = issued.get("id").asString();
        web(ADMIN).delete().uri("/api/v1/tokens/{id}", id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.state").isEqualTo("REVOKED").jsonPath("$.revokedBy").isEqualTo("api-token-1");
        web(token).get().uri("/api/v1/session").exchange().expectStatus().isUnauthorized();
        // The name is free again once its token is revoked.
        String again = issue(Map.of("name", name, "role", "viewer", "validityDays", 1), 201).get("token").asString();
        web(again).get().uri("/api/v1/session").exchange().expectStatus().isOk();
        mongo.getMongoDatabaseFactory().getMongoDatabase("osm_platform_test_security").getCollection("tokens")
                .updateOne(new Document("name", name).append("activeName", name),
                        new Document("$set", new Document("expiresAt", Date.from(Instant.now().minusSeconds(1)))));
        // Other services learn of the change within osm.security.token-cache-ttl (1 s here).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                web(again).get().uri("/api/v1/session").exchange().expectStatus().isUnauthorized());
        web(ADMIN).delete().uri("/api/v1/tokens/{id}", "tk-missing").exchange().expectStatus().isNotFound();
    }

    @Test
    void stateChangesAreAuditedWithTheTokensNameAndPublishedOnOsmAudit() {
        String requestId = "req-" + UUID.randomUUID();
        String widget = "w-audited-" + requestId.substring(4, 12);
        web(OPERATOR).post().uri("/api/test/widgets").header("X-Request-Id", requestId)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", widget.substring(2), "size", 2))
                .exchange().expectStatus().isOk().expectHeader().valueEquals("X-Request-Id", requestId);
        String deniedRequest = "req-denied-" + UUID.randomUUID();
        web(VIEWER).post().uri("/api/test/widgets").header("X-Request-Id", deniedRequest)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", widget.substring(2), "size", 2)).exchange().expectStatus().isForbidden();
        web(OPERATOR).get().uri("/api/test/widgets/w1").exchange().expectStatus().isNotFound();

        JsonNode byResource = JSON.readTree(body(web(ADMIN).get().uri("/api/v1/audit?resource={r}", widget).exchange()
                .expectStatus().isOk()));
        assertThat(byResource).hasSize(1);
        JsonNode done = byResource.get(0);
        JsonNode byViewer = JSON.readTree(body(web(ADMIN).get().uri("/api/v1/audit?actor=test-viewer").exchange()
                .expectStatus().isOk()));
        assertThat(byViewer).anySatisfy(denied -> {
            assertThat(denied.get("requestId").asString()).isEqualTo(deniedRequest);
            assertThat(denied.get("outcome").asString()).isEqualTo("DENIED");
            assertThat(denied.get("status").asInt()).isEqualTo(403);
        });
        assertThat(done.get("actor").asString()).isEqualTo("test-operator");
        assertThat(done.get("role").asString()).isEqualTo("operator");
        assertThat(done.get("action").asString()).isEqualTo("widget.create");
        assertThat(done.get("path").asString()).isEqualTo("/api/test/widgets");
        assertThat(done.get("outcome").asString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("status").asInt()).isEqualTo(200);
        assertThat(done.get("requestId").asString()).isEqualTo(requestId);
        assertThat(done.get("clientAddress").asString()).isEqualTo("127.0.0.1");
        assertThat(done.get("service").asString()).isEqualTo("platform-test");

        JsonNode byActor = JSON.readTree(body(web(ADMIN).get()
                .uri("/api/v1/audit?actor=test-operator&from={f}", Instant.now().minusSeconds(300)).exchange()
                .expectStatus().isOk()));
        assertThat(byActor).allSatisfy(entry -> assertThat(entry.get("actor").asString()).isEqualTo("test-operator"));
        assertThat(byActor).noneSatisfy(entry -> assertThat(entry.get("method").asString()).isEqualTo("GET"));
        web(ADMIN).get().uri("/api/v1/audit?from=nonsense").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("from");
        web(OPERATOR).get().uri("/api/v1/audit").exchange().expectStatus().isForbidden();

        ConsumerRecord<String, byte[]> published = awaitRecord(Topics.AUDIT.name(),
                record -> CODEC.decode(record.value()) instanceof AuditRecorded audit
                        && requestId.equals(audit.getRequestId()));
        AuditRecorded event = (AuditRecorded) CODEC.decode(published.value());
        assertThat(published.key()).isEqualTo(widget);
        assertThat(event.getActor()).isEqualTo("test-operator");
        assertThat(event.getOutcome()).isEqualTo("SUCCEEDED");
        assertThat(event.getHeader().getEventId()).isEqualTo(done.get("id").asString());
        String everything = securityDb("audit").toString() + new String(published.value(), StandardCharsets.ISO_8859_1);
        assertThat(everything).doesNotContain(OPERATOR).doesNotContain(VIEWER).doesNotContain(ADMIN + "\"");
        await().untilAsserted(() -> assertThat(mongo.getMongoDatabaseFactory()
                .getMongoDatabase("osm_platform_test_security").getCollection("audit")
                .countDocuments(new Document("requestId", requestId).append("pending", true))).isZero());
    }

    private JsonNode issue(Map<String, Object> request, int status) {
        return JSON.readTree(body(web(ADMIN).post().uri("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request).exchange().expectStatus().isEqualTo(status)));
    }

    private List<Document> securityDb(String collection) {
        return mongo.getMongoDatabaseFactory().getMongoDatabase("osm_platform_test_security").getCollection(collection)
                .find().into(new java.util.ArrayList<>());
    }

    private static String body(WebTestClient.ResponseSpec response) {
        byte[] bytes = response.expectBody().returnResult().getResponseBody();
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
