package io.osmigration.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class ChannelApiTest extends IntegrationTest {

    @Test
    void apiNeedsTheBearerToken() {
        WebTestClient anonymous = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        anonymous.get().uri("/api/v1/channels").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        anonymous.post().uri("/api/v1/channels").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("type", "EMAIL", "name", "x", "recipients", List.of("a@example.org"),
                        "events", List.of("MigrationCompleted")))
                .exchange().expectStatus().isUnauthorized();
        anonymous.get().uri("/api/v1/notifications").header("Authorization", "Bearer wrong").exchange()
                .expectStatus().isUnauthorized();
        anonymous.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    void invalidChannelsAreRefusedNamingTheFieldAndNothingIsStored() {
        int before = channels().size();
        expectInvalid(Map.of("type", "EMAIL", "name", "Ops", "recipients", List.of("ops@example.org", "not an address"),
                "events", List.of("MigrationCompleted")), "recipients[1]");
        expectInvalid(Map.of("type", "EMAIL", "name", "Ops", "events", List.of("MigrationCompleted")), "recipients");
        expectInvalid(Map.of("type", "DINGTALK", "name", "Robot", "webhookUrl", "ftp://example.org/robot",
                "events", List.of("MigrationFailed")), "webhookUrl");
        expectInvalid(Map.of("type", "DINGTALK", "name", "Robot", "events", List.of("MigrationFailed")), "webhookUrl");
        expectInvalid(Map.of("type", "EMAIL", "name", "Ops", "recipients", List.of("ops@example.org"),
                "events", List.of("MigrationCompleted", "MigrationExploded")), "events[1]");
        expectInvalid(Map.of("type", "EMAIL", "name", "Ops", "recipients", List.of("ops@example.org"),
                "events", List.of()), "events");
        expectInvalid(Map.of("type", "PIGEON", "name", "Ops", "events", List.of("MigrationCompleted")), "type");
        expectInvalid(Map.of("type", "EMAIL", "name", " ", "recipients", List.of("ops@example.org"),
                "events", List.of("MigrationCompleted")), "name");
        expectInvalid(Map.of("type", "EMAIL", "name", "Ops", "recipients", List.of("ops@example.org"),
                "events", List.of("MigrationCompleted"), "perJobMessages", "SOMETIMES"), "perJobMessages");
        assertThat(channels()).hasSize(before);
    }

    @Test
    void secretsAndWebhookTokensAreNeverReturned() {
        String secret = "SEC" + unique("very-secret");
        String body = http.post().uri("/api/v1/channels").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("type", "DINGTALK", "name", "Robot",
                        "webhookUrl", "http://127.0.0.1:9/robot/send?access_token=tok-123456",
                        "secret", secret, "events", List.of("MigrationFailed", "BatchDigest"),
                        // a batch no test runs: this channel must never send anything
                        "batchIds", List.of(unique("no-such-batch"))))
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).doesNotContain(secret).doesNotContain("tok-123456").contains("\"secretConfigured\":true");

        String list = http.get().uri("/api/v1/channels").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(list).doesNotContain(secret).doesNotContain("tok-123456")
                .contains("http://127.0.0.1:9/robot/send?***");
        // The built-in channel from configuration is listed too.
        assertThat(channels()).anySatisfy(channel -> {
            assertThat(channel.get("id")).isEqualTo("default-email");
            assertThat(channel.get("recipients")).isEqualTo(List.of("fleet-ops@example.org"));
            assertThat(channel.get("builtIn")).isEqualTo(true);
        });
    }

    @Test
    void notificationFiltersAreValidated() {
        http.get().uri("/api/v1/notifications?limit=0").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
        http.get().uri("/api/v1/notifications?status=LOST").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("status");
        http.get().uri("/api/v1/channels/ch-does-not-exist").exchange().expectStatus().isNotFound();
    }

    private void expectInvalid(Map<String, Object> body, String field) {
        http.post().uri("/api/v1/channels").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Invalid request")
                .jsonPath("$.errors[?(@.field == '" + field + "')]").exists();
    }

    private List<Map<String, Object>> channels() {
        return http.get().uri("/api/v1/channels").exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .returnResult().getResponseBody();
    }
}
