package io.osmigration.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.osmigration.cli.api.ApiError;
import io.osmigration.cli.api.EventStream;
import io.osmigration.cli.api.Model.ServerEvent;
import io.osmigration.cli.api.OsmApi;
import io.osmigration.cli.config.Settings;

/** The SSE client: the event-stream format, and a dropped stream resumed after the last event seen. */
class EventStreamTest {

    @Test
    void aDroppedStreamIsResumedAfterTheLastEventWithNothingMissedOrRepeated() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (StubServer executor = new StubServer().on("/api/v1/migrations/b-1/events", exchange -> {
            // As the executor does: the history after Last-Event-ID, then (here) the connection drops.
            String after = exchange.getRequestHeaders().getFirst("Last-Event-ID");
            connections.incrementAndGet();
            String body = after == null
                    ? ": a comment line\nid: e1\nevent: MigrationRequested\ndata: {\"n\":1}\n\n"
                            + "id: e2\nevent: MigrationStepDone\ndata: {\"a\":\ndata: 2}\n\n"
                    : "e2".equals(after) ? "id: e3\nevent: MigrationCompleted\ndata: {\"n\":3}\n\n" : "";
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        })) {
            OsmApi api = new OsmApi(Settings.resolve(new Settings.Flags(executor.url(), Map.of(), "t"),
                    new Settings.Environment(Map.of(), Path.of("/nonexistent"))));
            List<ServerEvent> events = new CopyOnWriteArrayList<>();
            try (EventStream stream = api.events("b-1", null, events::add, error -> { })) {
                await().atMost(Duration.ofSeconds(10)).until(() -> connections.get() >= 3);
                assertThat(stream.lastEventId()).isEqualTo("e3");
            }
            assertThat(events).extracting(ServerEvent::id).containsExactly("e1", "e2", "e3");
            assertThat(events.get(1)).isEqualTo(new ServerEvent("e2", "MigrationStepDone", "{\"a\":\n2}"));
            assertThat(executor.requests.get(0).lastEventId()).isNull();
            assertThat(executor.requests.get(1).lastEventId()).isEqualTo("e2");
            assertThat(executor.requests).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer t"));
        }
    }

    @Test
    void aStreamTheServerRefusesStopsWithTheProblem() throws Exception {
        try (StubServer executor = new StubServer().on("/api/v1/migrations/b-gone/events", exchange ->
                StubServer.answer(exchange, 404, "application/problem+json",
                        "{\"title\":\"Not found\",\"status\":404,\"detail\":\"Batch b-gone does not exist\"}"))) {
            OsmApi api = new OsmApi(Settings.resolve(new Settings.Flags(executor.url(), Map.of(), null),
                    new Settings.Environment(Map.of(), Path.of("/nonexistent"))));
            AtomicReference<ApiError> failure = new AtomicReference<>();
            try (EventStream ignored = api.events("b-gone", null, event -> { }, failure::set)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> failure.get() != null);
            }
            assertThat(failure.get()).hasMessage("migration-executor: 404 Not found: Batch b-gone does not exist");
            assertThat(executor.requests).hasSize(1);
        }
    }
}
