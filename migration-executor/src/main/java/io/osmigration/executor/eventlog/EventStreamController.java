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
import org.springframework.web.bind.annotation.RequestParam;
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
 * the stream goes on from now: the client reloads what it shows, nothing is replayed from the start. With
 * {@code from=now} (and no {@code Last-Event-ID}) a stream starts at the newest event, after an event {@code ready}
 * ({@code {"seq": n}}): a client that then reads the current state (a snapshot) and applies what follows never
 * downloads a batch's whole history, however long it is.
 */
@RestController
@Tag(name = "Events", description = "Server-Sent Events from the stored event history; Last-Event-ID resumes")
class EventStreamController {

    static final String RESET = "reset";
    static final String READY = "ready";
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
    @Parameter(name = "from", in = ParameterIn.QUERY, description = "now: start at the newest event (after an event "
            + "ready) instead of the oldest kept; ignored with Last-Event-ID")
    Flux<ServerSentEvent<String>> all(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                                      @RequestParam(required = false) String from) {
        return stream(null, lastEventId, fromNow(from));
    }

    @Access(Role.VIEWER)
    @GetMapping(path = "/api/v1/migrations/{batchId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @SecurityRequirement(name = "bearer")
    @SecurityRequirement(name = "streamTicket")
    @Parameter(name = "lastEventId", in = ParameterIn.QUERY, description = "Resume after this event, as Last-Event-ID")
    @Parameter(name = "from", in = ParameterIn.QUERY, description = "now: start at the newest event (after an event "
            + "ready) instead of the oldest kept; ignored with Last-Event-ID")
    Flux<ServerSentEvent<String>> ofBatch(@PathVariable String batchId,
                                          @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                                          @RequestParam(required = false) String from) {
        boolean now = fromNow(from);
        return Mono.fromCallable(() -> batches.find(batchId).isPresent()).subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(exists -> {
                    if (!exists) {
                        return Flux.error(ApiException.notFound("Batch " + batchId));
                    }
                    return stream(batchId, lastEventId, now);
                });
    }

    private static boolean fromNow(String from) {
        if (from == null || from.isBlank()) {
            return false;
        }
        if (!"now".equalsIgnoreCase(from.trim())) {
            throw ApiException.invalidField("from", "must be 'now' (or left out: from the oldest event kept)");
        }
        return true;
    }

    private Flux<ServerSentEvent<String>> stream(String batchId, String lastEventId, boolean fromNow) {
        return Mono.fromCallable(() -> start(lastEventId, fromNow)).subscribeOn(Schedulers.boundedElastic())
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

    private Start start(String lastEventId, boolean fromNow) {
        if (lastEventId == null || lastEventId.isBlank()) {
            if (fromNow) {
                long seq = watermark.current();
                return new Start(seq, Optional.of(ServerSentEvent.builder("{\"seq\":" + seq + "}").event(READY)
                        .build()));
            }
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
