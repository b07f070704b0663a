package io.osmigration.registry.activation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import io.osmigration.registry.IntegrationTest;
import io.osmigration.registry.source.SourceDocument;
import io.osmigration.registry.source.domain.SourceIds;

import tools.jackson.databind.JsonNode;

class ActivationApiTest extends IntegrationTest {

    @Autowired
    private FailedAttempts failedAttempts;

    @AfterEach
    void forgetFailures() {
        failedAttempts.reset();
    }

    @Test
    void createShowsTheCodeOnceAndStoresOnlyItsHash() {
        JsonNode created = createCode(Map.of("quota", 5, "validityDays", 7, "description", "web tier"));
        String code = created.get("code").asString();
        assertThat(code).hasSizeGreaterThan(40);
        assertThat(created.get("quota").asInt()).isEqualTo(5);
        assertThat(created.get("used").asInt()).isZero();
        assertThat(created.get("importCommand").asString())
                .isEqualTo("curl -fsSL " + registryUrl() + "/api/v1/import.sh | sudo OSM_ACTIVATION_CODE=" + code + " sh");
        assertThat(Instant.parse(created.get("expiresAt").asString())).isAfter(Instant.now().plusSeconds(6 * 86400));

        String stored = mongo.getCollection("activation_codes").find().into(new ArrayList<>()).toString();
        assertThat(stored).contains(created.get("id").asString()).doesNotContain(code);

        String listed = new String(client().get().uri("/api/v1/activation-codes").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());
        assertThat(listed).contains(created.get("id").asString()).doesNotContain(code);
    }

    @Test
    void defaultsAndBoundsFollowTheSpec() {
        JsonNode created = createCode(Map.of());
        assertThat(created.get("quota").asInt()).isEqualTo(200);
        assertThat(Instant.parse(created.get("expiresAt").asString())).isAfter(Instant.now().plusSeconds(89 * 86400));
        byte[] body = client().post().uri("/api/v1/activation-codes").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("quota", 1001, "validityDays", 0)).exchange().expectStatus().isBadRequest()
                .expectBody().returnResult().getResponseBody();
        assertThat(json(body).get("errors")).extracting(e -> e.get("field").asString())
                .containsExactlyInAnyOrder("quota", "validityDays");
    }

    @Test
    void activationRegistersTheServerFromItsFacts() {
        String code = createCode(Map.of("quota", 2)).get("code").asString();
        JsonNode source = activate(code, Facts.centos7("activation-one"), 201);
        String sourceId = SourceIds.forMachine("activation-one");
        assertThat(source.get("sourceId").asString()).isEqualTo(sourceId);
        assertThat(source.get("status").asString()).isEqualTo("ONLINE");
        assertThat(source.get("os").get("id").asString()).isEqualTo("centos");
        assertThat(source.has("instanceId")).isFalse();
        SourceDocument stored = mongo.findById(sourceId, SourceDocument.class);
        assertThat(stored.getImportMethod().name()).isEqualTo("ACTIVATION_CODE");
        assertThat(stored.getFacts().packages()).contains("bash-4.2.46-35.el7_9.x86_64");

        // Running the script again on the same server updates it and takes nothing from the quota.
        activate(code, Facts.centos7("activation-one"), 201);
        assertThat(usedOf(code)).isEqualTo(1);
    }

    @Test
    void aClaimedInstanceIdWithoutIdentityDocumentMakesAPlainServer() {
        String code = createCode(Map.of("quota", 1)).get("code").asString();
        Map<String, Object> request = new HashMap<>(Map.of("activationCode", code, "facts", Facts.centos7("m-ecs"),
                "instanceId", "i-bp1scripted0000001", "regionId", "cn-beijing"));
        JsonNode source = json(anonymousClient().post().uri("/api/v1/sources/activate")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(request).exchange().expectStatus().isCreated()
                .expectBody().returnResult().getResponseBody());
        assertThat(source.get("sourceId").asString()).isEqualTo(SourceIds.forMachine("m-ecs"));
        assertThat(source.has("instanceId")).isFalse();
    }

    @Test
    void fiftyConcurrentActivationsAgainstQuotaTenMakeExactlyTenSources() throws Exception {
        String code = createCode(Map.of("quota", 10, "description", "race")).get("code").asString();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String machine = "race-" + i;
                calls.add(() -> anonymousClient().post().uri("/api/v1/sources/activate")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("activationCode", code, "facts", Facts.centos7(machine)))
                        .exchange().returnResult(byte[].class).getStatus().value());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : pool.invokeAll(calls)) {
                statuses.add(future.get());
            }
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(10);
            assertThat(statuses).filteredOn(status -> status == 403).hasSize(40);
        } finally {
            pool.shutdownNow();
        }
        List<String> raceIds = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            raceIds.add(SourceIds.forMachine("race-" + i));
        }
        assertThat(mongo.count(Query.query(Criteria.where("_id").in(raceIds)), SourceDocument.class)).isEqualTo(10);
        assertThat(usedOf(code)).isEqualTo(10);
    }

    @Test
    void publicPathsArePostOnly() {
        anonymousClient().get().uri("/api/v1/sources/activate").exchange().expectStatus().isEqualTo(405)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        anonymousClient().get().uri("/api/v1/sources/heartbeat").exchange().expectStatus().isEqualTo(405);
    }

    @Test
    void unknownCodeIs401() {
        JsonNode problem = activate("osmac_" + "x".repeat(43), Facts.centos7("unknown-code"), 401);
        assertThat(problem.get("title").asString()).isEqualTo("Unknown activation code");
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(mongo.findById(SourceIds.forMachine("unknown-code"), SourceDocument.class)).isNull();
    }

    @Test
    void expiredCodeIs403SayingExpired() {
        JsonNode created = createCode(Map.of("quota", 3, "validityDays", 1));
        mongo.updateFirst(Query.query(Criteria.where("_id").is(created.get("id").asString())),
                new Update().set("expiresAt", Instant.now().minusSeconds(1)), "activation_codes");
        JsonNode problem = activate(created.get("code").asString(), Facts.centos7("expired"), 403);
        assertThat(problem.get("title").asString()).isEqualTo("Activation code expired");
        assertThat(problem.get("detail").asString()).contains("has expired");
        assertThat(mongo.findById(SourceIds.forMachine("expired"), SourceDocument.class)).isNull();
    }

    @Test
    void revokedCodeIs403SayingRevoked() {
        JsonNode created = createCode(Map.of("quota", 3));
        JsonNode revoked = json(client().post().uri("/api/v1/activation-codes/{id}:revoke", created.get("id").asString())
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(revoked.get("state").asString()).isEqualTo("REVOKED");
        assertThat(revoked.has("code")).isFalse();
        JsonNode problem = activate(created.get("code").asString(), Facts.centos7("revoked"), 403);
        assertThat(problem.get("title").asString()).isEqualTo("Activation code revoked");
        client().post().uri("/api/v1/activation-codes/{id}:revoke", "ac-doesnotexist").exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void exhaustedCodeIs403SayingExhausted() {
        String code = createCode(Map.of("quota", 1)).get("code").asString();
        activate(code, Facts.centos7("exhaust-1"), 201);
        JsonNode problem = activate(code, Facts.centos7("exhaust-2"), 403);
        assertThat(problem.get("title").asString()).isEqualTo("Activation code exhausted");
        assertThat(problem.get("detail").asString()).contains("1 of 1 used");
    }

    @Test
    void factsThatAreNotCollectorOutputAre400NamingFacts() {
        String code = createCode(Map.of("quota", 1)).get("code").asString();
        JsonNode problem = activate(code, "hello", 400);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("facts");
        assertThat(usedOf(code)).isZero();
    }

    @Test
    void repeatedUnknownCodesFromOneAddressAre429() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            EntityExchangeResult<byte[]> result = anonymousClient().post().uri("/api/v1/sources/activate")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("activationCode", "osmac_guess" + i, "facts", Facts.centos7("guess")))
                    .exchange().expectBody().returnResult();
            statuses.add(result.getStatus().value());
            if (i == 10) {
                JsonNode problem = json(result.getResponseBody());
                assertThat(problem.get("status").asInt()).isEqualTo(429);
                assertThat(problem.get("title").asString()).isEqualTo("Too many failed attempts");
            }
        }
        assertThat(statuses.subList(0, 10)).containsOnly(401);
        assertThat(statuses.get(10)).isEqualTo(429);
        // Even a valid code is refused from that address until the window ends.
        String code = createCode(Map.of("quota", 1)).get("code").asString();
        activate(code, Facts.centos7("after-guessing"), 429);
    }

    private JsonNode createCode(Map<String, Object> request) {
        return json(client().post().uri("/api/v1/activation-codes").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request).exchange().expectStatus().isCreated().expectBody().returnResult()
                .getResponseBody());
    }

    private JsonNode activate(String code, String facts, int expectedStatus) {
        return json(anonymousClient().post().uri("/api/v1/sources/activate").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("activationCode", code, "facts", facts)).exchange()
                .expectStatus().isEqualTo(expectedStatus).expectBody().returnResult().getResponseBody());
    }

    private int usedOf(String code) {
        return mongo.getCollection("activation_codes")
                .find(new org.bson.Document("codeHash", io.osmigration.schemas.DeterministicIds.sha256Hex(code))).first().getInteger("used");
    }
}
