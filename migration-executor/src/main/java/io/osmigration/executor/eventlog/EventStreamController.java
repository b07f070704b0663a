package io.osmigration.executor.eventlog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.osmigration.executor.ExecutorProperties;
import io.osmigration.executor.batch.BatchStore;
import io.osmigration.platform.web.ApiException;
import io.osmigration.platform.security.Access;
import io.osmigration.platform.security.Role;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Live status as Server-Sent Events, read from the stored history: {@code event:} the type, {@code id:} the eventId,
 * {@code data:} the event as JSON. Without {@code Last-Event-ID} a stream starts at the oldest event kept; with one it
 * resumes right after that event. An unknown or expired {@code Last-Event-ID} gets an event {@code reset} first and
 * the stream goes on from now: the client reloads what it shows, nothing is replayed from the start.
 */
@RestController
@Tag(name = "Events", description = "Server-Sent Events from the stored event history; Last-Event-ID resumes")
class EventStreamController {

    static final String RESET = "reset";
    private static final int PAGE = 1_000;

    private final EventStore store;
    private final SequenceWatermark watermark;
    private final BatchStore batches;
    private final Duration interval;

    EventStreamController(EventStore store, SequenceWatermark watermark, BatchStore batches,
                          ExecutorProperties properties) {
        this.store = store;
        this.watermark = watermark;
        this.batches = batches;
        this.interval = properties.sseInterval();
    }

    @Access(Role.VIEWER)
    @GetMapping(path = "/api/v1/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    // A bearer token or a stream ticket (StreamTicketWebFilter), and the query form of Last-Event-ID for EventSource.
    @SecurityRequirement(name = "bearer")
    @SecurityRequirement(name = "streamTicket")
    @Parameter(name = "lastEventId", in = ParameterIn.QUERY, description = "Resume after this event, as Last-Event-ID")
    Flux<ServerSentEvent<String>> all(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return stream(null, lastEventId);
    }

    @Access(Role.VIEWER)
    @GetMapping(path = "/api/v1/migrations/{batchId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @SecurityRequirement(name = "bearer")
    @SecurityRequirement(name = "streamTicket")
    @Parameter(name = "lastEventId", in = ParameterIn.QUERY, description = "Resume after this event, as Last-Event-ID")
    Flux<ServerSentEvent<String>> ofBatch(@PathVariable String batchId,
                                          @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return Mono.fromCallable(() -> batches.find(batchId).isPresent()).subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(exists -> {
                    if (!exists) {
                        return Flux.error(ApiException.notFound("Batch " + batchId));
                    }
                    return stream(batchId, lastEventId);
                });
    }

    private Flux<ServerSentEvent<String>> stream(String batchId, String lastEventId) {
        return Mono.fromCallable(() -> start(lastEventId)).subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(start -> {
                    AtomicLong cursor = new AtomicLong(start.cursor());
                    Mono<List<StoredEvent>> next = Mono.fromCallable(() -> page(batchId, cursor))
                            .subscribeOn(Schedulers.boundedElastic());
                    // While the cursor is behind the watermark the next page follows at once; at the head, the
                    // stream looks again after the interval.
                    Flux<ServerSentEvent<String>> events = next
                            .expandDeep(page -> cursor.get() < watermark.latest() ? next
                                    : next.delaySubscription(interval))
                            .concatMapIterable(page -> page)
                            .map(event -> ServerSentEvent.builder(event.data()).event(event.type())
                                    .id(event.eventId()).build());
                    return start.reset().map(reset -> Flux.concat(Mono.just(reset), events)).orElse(events);
                });
    }

    private record Start(long cursor, Optional<ServerSentEvent<String>> reset) {
    }

    private Start start(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return new Start(0, Optional.empty());
        }
        Optional<Long> seq = store.seqOf(lastEventId.trim());
        if (seq.isPresent()) {
            return new Start(seq.get(), Optional.empty());
        }
        String data = "{\"reason\":\"Last-Event-ID " + lastEventId.trim().replaceAll("[^A-Za-z0-9:._-]", "")
                + " is unknown or has expired: reload the current state; events follow from now\"}";
        return new Start(watermark.current(), Optional.of(ServerSentEvent.builder(data).event(RESET).build()));
    }

    /** The next events up to the watermark; the cursor moves to the watermark once everything below it was read. */
    private List<StoredEvent> page(String batchId, AtomicLong cursor) {
        long upTo = watermark.current();
        long from = cursor.get();
        List<StoredEvent> events = store.page(batchId, from, upTo, PAGE);
        // A page reads at most PAGE numbers (or, for a long stretch of a batch, PAGE of its events): the cursor moves
        // to the last number read, or to the watermark once everything below it was.
        long readThrough = batchId == null || upTo - from <= PAGE ? Math.min(upTo, from + PAGE)
                : events.size() == PAGE ? events.get(events.size() - 1).seq() : upTo;
        cursor.set(Math.max(from, readThrough));
        return events;
    }
}
