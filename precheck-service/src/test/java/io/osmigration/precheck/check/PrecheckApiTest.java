package io.osmigration.precheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.osmigration.platform.events.EventHeaders;
import io.osmigration.precheck.IntegrationTestBase;
import io.osmigration.precheck.facts.KnownSources;

/** The stand-alone check through the API: 202, then the contract's JSON and a text report; emits nothing. */
class PrecheckApiTest extends IntegrationTestBase {

    private static final String KMOD = "i-bp1demo000000000014";

    @Autowired
    private KnownSources knownSources;

    @Test
    void standaloneCheckReportsFindingsWithRemediationAndEmitsNothing() {
        String sourceId = imported(KMOD);
        String precheckId = start(sourceId, "alinux3");

        Map<String, Object> report = awaitFinished(precheckId);
        assertThat(report).containsEntry("precheckId", precheckId).containsEntry("sourceId", sourceId)
                .containsEntry("destinationOs", "alinux3").containsEntry("status", "FAILED");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> findings = (List<Map<String, Object>>) report.get("findings");
        Map<String, Object> critical = findings.stream()
                .filter(f -> f.get("code").equals("KERNEL_MODULE_UNSUPPORTED") && f.get("severity").equals("CRITICAL"))
                .findFirst().orElseThrow();
        assertThat((String) critical.get("detail")).contains("floppy", "pata_acpi");
        assertThat(critical.get("remediation")).isInstanceOfSatisfying(Map.class, remediation -> {
            assertThat(remediation.get("hint")).asString().isNotBlank();
            assertThat(remediation.get("command")).asString().contains("modprobe -r floppy");
        });
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.get("code")).isEqualTo("KERNEL_MODULE_UNSUPPORTED");
            assertThat(f.get("severity")).isEqualTo("WARNING");
            assertThat((String) f.get("detail")).contains("osmraid (OE)");
        });
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.get("code")).isEqualTo("SERVICE_RESTART");
            assertThat(f.get("remediation")).isInstanceOfSatisfying(Map.class,
                    r -> assertThat(r).doesNotContainKey("command"));
        });

        String text = api().get().uri("/api/v1/prechecks/" + precheckId).accept(MediaType.TEXT_PLAIN).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(text).contains("Pre-check " + precheckId + ": FAILED", "[CRITICAL] KERNEL_MODULE_UNSUPPORTED",
                "Run: modprobe -r pata_acpi && modprobe -r floppy"); // in the order the real lsmod lists them

        // a stand-alone check starts no migration: no PrecheckPassed/Failed carries its id
        assertThat(precheckEvents()).noneMatch(e -> EventHeaders.of(e).getJobId() == null
                || precheckId.equals(String.valueOf(e.get(e.getSchema().getField("precheckId").pos()))));
    }

    @Test
    void destinationTheSourceCannotReachIsAFindingNotAnError() {
        String sourceId = imported("i-bp1demo000000000003"); // CentOS 8
        Map<String, Object> report = awaitFinished(start(sourceId, "alinux2"));
        assertThat(report.get("status")).isEqualTo("FAILED");
        assertThat(report.get("findings").toString()).contains("DESTINATION_UNSUPPORTED");
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndChangesNothing() {
        String sourceId = imported("i-bp1demo000000000001");
        api().post().uri("/api/v1/prechecks").bodyValue(Map.of("sourceId", sourceId, "destinationOs", "ubuntu24"))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("destinationOs");
        api().post().uri("/api/v1/prechecks").bodyValue(Map.of("sourceId", "s-unknown", "destinationOs", "alinux3"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("sourceId");
        api().post().uri("/api/v1/prechecks").bodyValue(Map.of("destinationOs", "alinux3"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("sourceId");
        api().get().uri("/api/v1/prechecks/pc-nope").exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .get().uri("/api/v1/prechecks/pc-nope").exchange().expectStatus().isUnauthorized();
    }

    private String imported(String instanceId) {
        String sourceId = randomId("s-");
        importSource(sourceId, instanceId, JobPrecheckFlowTest.staleFacts(Instant.now()));
        await().atMost(Duration.ofSeconds(15)).until(() -> knownSources.find(sourceId).isPresent());
        return sourceId;
    }

    private String start(String sourceId, String destinationOs) {
        Map<?, ?> body = api().post().uri("/api/v1/prechecks")
                .bodyValue(Map.of("sourceId", sourceId, "destinationOs", destinationOs)).exchange()
                .expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        return (String) body.get("precheckId");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitFinished(String precheckId) {
        Map<String, Object>[] last = new Map[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            last[0] = api().get().uri("/api/v1/prechecks/" + precheckId).exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            return !"RUNNING".equals(last[0].get("status"));
        });
        return last[0];
    }
}
