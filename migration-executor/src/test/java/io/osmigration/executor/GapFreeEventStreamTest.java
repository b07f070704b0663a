package io.osmigration.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import io.osmigration.events.BatchResumed;
import io.osmigration.executor.eventlog.EventStore;
import io.osmigration.platform.events.EventHeaders;

import reactor.core.Disposable;

/**
 * Readers of the live streams never miss a stored event, whatever the concurrency of the writers: 8 writers store
 * 10,000 events each while two SSE readers follow (the global stream and the batch's) and a third reconnects every 500
 * events with Last-Event-ID. Each sees every event exactly once, in stored order.
 */
class GapFreeEventStreamTest extends ExecutorIntegrationTest {

    private static final int WRITERS = 8;
    private static final int EVENTS_PER_WRITER = Integer.parseInt(System.getenv()
            .getOrDefault("OSM_TEST_EVENTS_PER_WRITER", "10000"));
    private static final int RECONNECT_EVERY = 500;
    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };

    @Autowired
    EventStore store;

    @Test
    void everyReaderSeesEveryEventOnceInStoredOrder() throws Exception {
        String batchId = acceptedBatch();
        Set<String> written = ConcurrentHashMap.newKeySet();
        List<String> global = Collections.synchronizedList(new ArrayList<>());
        List<String> ofBatch = Collections.synchronizedList(new ArrayList<>());
        List<String> reconnecting = Collections.synchronizedList(new ArrayList<>());
        Disposable globalReader = follow("/api/v1/events", null)
                .filter(e -> "BatchResumed".equals(e.event()) && e.data().contains(batchId))
                .subscribe(e -> global.add(e.id()));
        Disposable batchReader = follow("/api/v1/migrations/" + batchId + "/events", null)
                .filter(e -> "BatchResumed".equals(e.event())).subscribe(e -> ofBatch.add(e.id()));
        AtomicReference<Disposable> reconnector = new AtomicReference<>();
        reconnect(batchId, reconnecting, reconnector);

        long started = System.nanoTime();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            done.add(writers.submit(() -> {
                for (int n = 0; n < EVENTS_PER_WRITER; n++) {
                    BatchResumed event = BatchResumed.newBuilder()
                            .setHeader(EventHeaders.random("writer-" + writer, batchId, null, null, Instant.now()))
                            .setBatchId(batchId).setBy("writer-" + writer + "#" + n).build();
                    store.append("osm.migrations", event, batchId, null, null);
                    written.add(event.getHeader().getEventId());
                }
            }));
        }
        for (Future<?> writer : done) {
            writer.get();
        }
        System.out.printf("GapFree: writers done after %d ms; readers have %d, %d, %d%n",
                (System.nanoTime() - started) / 1_000_000, global.size(), ofBatch.size(), reconnecting.size());
        writers.shutdown();
        long wrote = System.nanoTime();
        List<String> stored = storedOrder(batchId);
        assertThat(stored).hasSize(WRITERS * EVENTS_PER_WRITER);
        assertThat(new java.util.HashSet<>(stored)).isEqualTo(written);

        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    global.size() >= stored.size() && ofBatch.size() >= stored.size()
                            && reconnecting.size() >= stored.size());
        } finally {
            globalReader.dispose();
            batchReader.dispose();
            reconnector.get().dispose();
        }
        System.out.printf("GapFree: %d events by %d writers stored in %d ms; all readers done %d ms later%n",
                stored.size(), WRITERS, (wrote - started) / 1_000_000, (System.nanoTime() - wrote) / 1_000_000);
        assertThat(List.copyOf(global)).as("global stream").isEqualTo(stored);
        assertThat(List.copyOf(ofBatch)).as("batch stream").isEqualTo(stored);
        assertThat(List.copyOf(reconnecting)).as("reconnecting reader").isEqualTo(stored);
    }

    @Test
    void anUnknownLastEventIdGetsAResetAndThenOnlyNewEvents() {
        String batchId = acceptedBatch();
        // The batch's own story (its job fails its precheck, the batch finishes) is stored first: "from now" must not
        // race with it, or its late events would rightly be sent as new ones.
        await().atMost(TIMEOUT).until(() -> mongo.getCollection("events")
                .countDocuments(new Document("batchId", batchId).append("type", new Document("$in",
                        List.of("BatchAccepted", "JobReleased", "PrecheckFailed", "BatchFinished")))) >= 4);
        List<ServerSentEvent<String>> received = new CopyOnWriteArrayList<>();
        Disposable reader = follow("/api/v1/migrations/" + batchId + "/events", "no-such-event-id")
                .subscribe(received::add);
        try {
            await().atMost(TIMEOUT).until(() -> !received.isEmpty());
            BatchResumed after = BatchResumed.newBuilder()
                    .setHeader(EventHeaders.random("test", batchId, null, null, Instant.now()))
                    .setBatchId(batchId).setBy("after-reset").build();
            store.append("osm.migrations", after, batchId, null, null);

            await().atMost(TIMEOUT).until(() -> received.size() >= 2);
            assertThat(received.get(0).event()).isEqualTo("reset");
            assertThat(received.get(0).data()).contains("no-such-event-id");
            assertThat(received.subList(1, received.size())).extracting(ServerSentEvent::id)
                    .as("nothing replayed from the start: BatchAccepted is not sent again")
                    .containsExactly(after.getHeader().getEventId());
        } finally {
            reader.dispose();
        }
    }

    /** A reader that reads {@value #RECONNECT_EVERY} events, drops the connection, and resumes after the last one. */
    private void reconnect(String batchId, List<String> seen, AtomicReference<Disposable> current) {
        String last = seen.isEmpty() ? null : seen.get(seen.size() - 1);
        current.set(follow("/api/v1/migrations/" + batchId + "/events", last)
                .filter(e -> "BatchResumed".equals(e.event()))
                .take(RECONNECT_EVERY)
                .doOnNext(e -> seen.add(e.id()))
                .doOnComplete(() -> reconnect(batchId, seen, current))
                .subscribe());
    }

    private reactor.core.publisher.Flux<ServerSentEvent<String>> follow(String path, String lastEventId) {
        WebClient.RequestHeadersSpec<?> request = WebClient.builder().baseUrl("http://localhost:" + port)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(1 << 20)).build()
                .get().uri(path).accept(MediaType.TEXT_EVENT_STREAM)
                .header("Authorization", "Bearer " + TestEnvironment.TOKEN);
        if (lastEventId != null) {
            request = request.header("Last-Event-ID", lastEventId);
        }
        return request.retrieve().bodyToFlux(SSE);
    }

    private List<String> storedOrder(String batchId) {
        List<String> ids = new ArrayList<>();
        mongo.getCollection("events").find(new Document("batchId", batchId).append("type", "BatchResumed"))
                .sort(new Document("seq", 1)).forEach(document -> ids.add(document.getString("_id")));
        return ids;
    }

    /** A batch to stream: one job whose precheck fails at once. */
    private String acceptedBatch() {
        Map<String, Object> created = submit(batch(requestId(), "NONE", List.of(TestFleet.PRECHECK_FAILS)));
        return (String) created.get("batchId");
    }
}
