package io.osmigration.executor.eventlog;

import java.time.Duration;
import java.util.List;
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
import io.osmigration.executor.job.BatchCoordinator;
import io.osmigration.platform.web.ApiException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Live status as Server-Sent Events, read from the stored history: {@code event:} the type, {@code id:} the eventId,
 * {@code data:} the event as JSON. A client that reconnects with {@code Last-Event-ID} gets what it missed.
 */
@RestController
@Tag(name = "Events", description = "Server-Sent Events from the stored event history; Last-Event-ID resumes")
class EventStreamController {

    private static final int PAGE = 500;

    private final EventStore store;
    private final BatchCoordinator batches;
    private final Duration interval;

    EventStreamController(EventStore store, BatchCoordinator batches, ExecutorProperties properties) {
        this.store = store;
        this.batches = batches;
        this.interval = properties.sseInterval();
    }

    @GetMapping(path = "/api/v1/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    // A bearer token or a stream ticket (StreamTicketWebFilter), and the query form of Last-Event-ID for EventSource.
    @SecurityRequirement(name = "bearer")
    @SecurityRequirement(name = "streamTicket")
    @Parameter(name = "lastEventId", in = ParameterIn.QUERY, description = "Resume after this event, as Last-Event-ID")
    Flux<ServerSentEvent<String>> all(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return stream(null, lastEventId);
    }

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
        return Mono.fromCallable(() -> lastEventId == null || lastEventId.isBlank() ? 0L
                        : store.seqOf(lastEventId.trim()).orElse(0L))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(start -> {
                    AtomicLong cursor = new AtomicLong(start);
                    return Flux.interval(Duration.ZERO, interval)
                            .onBackpressureDrop()
                            .concatMap(tick -> Mono.fromCallable(() -> page(batchId, cursor))
                                    .subscribeOn(Schedulers.boundedElastic()), 1)
                            .concatMapIterable(events -> events)
                            .map(event -> ServerSentEvent.builder(event.data()).event(event.type()).id(event.eventId())
                                    .build());
                });
    }

    private List<StoredEvent> page(String batchId, AtomicLong cursor) {
        List<StoredEvent> events = store.after(batchId, cursor.get(), PAGE);
        if (!events.isEmpty()) {
            cursor.set(events.get(events.size() - 1).seq());
        }
        return events;
    }
}
