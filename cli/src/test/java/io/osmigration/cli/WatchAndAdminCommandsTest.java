package io.osmigration.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch} ends on the executor's BatchFinished; {@code audit} and {@code tokens} call the platform's endpoints;
 * a refusal for a role names the role and how to get one.
 */
class WatchAndAdminCommandsTest {

    private static final String ENDED_JOBS = "\"jobs\":[{\"jobId\":\"j-1\",\"sourceId\":\"s-1\",\"instanceId\":\"i-1\","
            + "\"state\":\"COMPLETED\"},{\"jobId\":\"j-2\",\"sourceId\":\"s-2\",\"instanceId\":\"i-2\",\"state\":\"ROLLED_BACK\"}]";

    @TempDir
    Path home;

    @Test
    void watchEndsOnBatchFinishedEvenWhenTheBatchItReadStillSaysRunning() throws IOException {
        AtomicInteger reads = new AtomicInteger();
        try (StubServer executor = new StubServer()
                .on("/api/v1/migrations/b-1/events", exchange -> historyOnce(exchange,
                        "id: e1\nevent: MigrationFailed\ndata: {}\n\n"
                                + "id: e2\nevent: BatchFinished\ndata: {\"batchId\":\"b-1\"}\n\n"))
                .on("/api/v1/migrations/b-1", exchange -> {
                    reads.incrementAndGet();
                    // A replica that has not seen its own write yet: RUNNING, though every job has ended.
                    StubServer.answer(exchange, 200, "application/json", "{\"batchId\":\"b-1\",\"state\":\"RUNNING\","
                            + "\"drillMode\":\"NONE\"," + ENDED_JOBS + "}");
                })) {
            CliRun run = CliRun.run(Map.of("OSM_EXECUTOR_URL", executor.url()), home, "watch", "b-1", "--timeout", "20s");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAILURES);
            assertThat(run.out()).contains("b-1 finished; not every job COMPLETED");
            assertThat(reads.get()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void withoutBatchFinishedARunningBatchIsWatchedOn() throws IOException {
        try (StubServer executor = new StubServer()
                .on("/api/v1/migrations/b-1/events", exchange -> historyOnce(exchange,
                        "id: e1\nevent: MigrationFailed\ndata: {}\n\n"))
                .on("/api/v1/migrations/b-1", exchange -> StubServer.answer(exchange, 200, "application/json",
                        "{\"batchId\":\"b-1\",\"state\":\"RUNNING\",\"drillMode\":\"NONE\"," + ENDED_JOBS + "}"))) {
            CliRun run = CliRun.run(Map.of("OSM_EXECUTOR_URL", executor.url()), home, "watch", "b-1", "--timeout", "1s");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.TIMEOUT);
        }
    }

    @Test
    void aTokenBelowTheRoleNeededIsOneLineNamingTheRoleAndHowToGetIt() throws IOException {
        try (StubServer executor = new StubServer().on("/api/v1/migrations/b-1:pause", exchange -> StubServer.answer(
                exchange, 403, "application/problem+json", "{\"title\":\"Forbidden\",\"status\":403,\"detail\":"
                        + "\"batch.pause needs the operator role; the token 'wall' has the viewer role\","
                        + "\"requiredRole\":\"operator\",\"role\":\"viewer\"}"))) {
            CliRun run = CliRun.run(Map.of("OSM_EXECUTOR_URL", executor.url(), "OSM_API_TOKEN", "t"), home,
                    "batches", "pause", "b-1");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(run.err()).isEqualTo("osm: migration-executor: 403 Forbidden: batch.pause needs the operator "
                    + "role; the token 'wall' has the viewer role (ask an admin for a token with the operator role: "
                    + "osm tokens create NAME --role operator)" + System.lineSeparator());
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void auditListsTheTrailWithTheFiltersAsQueryParameters() throws IOException {
        try (StubServer executor = new StubServer().on("/api/v1/audit", exchange -> StubServer.answer(exchange, 200,
                "application/json", "[{\"id\":\"a-1\",\"at\":\"2026-01-02T03:04:05Z\",\"actor\":\"ops\",\"role\":"
                        + "\"operator\",\"action\":\"batch.pause\",\"method\":\"POST\",\"path\":\"/api/v1/migrations/b-1:pause\","
                        + "\"resourceIds\":[\"b-1\"],\"outcome\":\"SUCCEEDED\",\"status\":200,\"service\":"
                        + "\"migration-executor\",\"tokenId\":\"t-9\"}]"))) {
            CliRun run = CliRun.run(Map.of("OSM_EXECUTOR_URL", executor.url()), home, "audit", "--resource", "b-1",
                    "--actor", "ops", "--limit", "5");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("ACTOR", "ops", "batch.pause", "b-1", "SUCCEEDED", "migration-executor");
            assertThat(executor.requests).singleElement().extracting(StubServer.Request::path)
                    .isEqualTo("/api/v1/audit?resource=b-1&actor=ops&limit=5");
        }
    }

    @Test
    void tokensCreatePrintsTheNewTokenOnceAndRevokeRevokesIt() throws IOException {
        try (StubServer executor = new StubServer()
                .on("/api/v1/tokens", exchange -> StubServer.answer(exchange, 201, "application/json",
                        "{\"id\":\"tok-1\",\"name\":\"grafana\",\"role\":\"viewer\",\"source\":\"issued\",\"state\":"
                                + "\"ACTIVE\",\"expiresAt\":\"2026-04-01T00:00:00Z\",\"token\":\"osm_secret\"}"))
                .on("/api/v1/tokens/tok-1:revoke", exchange -> StubServer.answer(exchange, 200, "application/json",
                        "{\"id\":\"tok-1\",\"name\":\"grafana\",\"role\":\"viewer\",\"state\":\"REVOKED\"}"))) {
            CliRun created = CliRun.run(Map.of("OSM_EXECUTOR_URL", executor.url()), home, "tokens", "create",
                    "grafana", "--role", "viewer", "--days", "30", "-q");
            assertThat(created.exitCode()).as(created.err()).isZero();
            assertThat(created.out().strip()).isEqualTo("osm_secret");
            assertThat(executor.requests.get(0).body()).isEqualTo("{\"name\":\"grafana\",\"role\":\"viewer\","
                    + "\"validityDays\":30}");

            CliRun revoked = CliRun.run(Map.of("OSM_EXECUTOR_URL", executor.url()), home, "tokens", "revoke", "tok-1");
            assertThat(revoked.exitCode()).as(revoked.err()).isZero();
            assertThat(revoked.out()).contains("tok-1", "revoked");
            assertThat(executor.requests.get(1).method()).isEqualTo("POST");
        }
    }

    /**
     * The stream's history once; a resumed stream (Last-Event-ID) has nothing after it. (The stub serves one request
     * at a time, so its streams end instead of staying open as the executor's do.)
     */
    private static void historyOnce(com.sun.net.httpserver.HttpExchange exchange, String events) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            if (exchange.getRequestHeaders().getFirst("Last-Event-ID") == null) {
                out.write(events.getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
