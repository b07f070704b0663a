package io.osmigration.executor.dashboard;

import java.util.List;
import java.util.concurrent.Callable;

import org.bson.Document;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;

import io.osmigration.executor.batch.BatchSummaries;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What the dashboard needs beyond the contract's API, all read-only except the stream ticket: the sources the
 * executor knows (to start a batch) and the recent batches with their job counts per state.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@RestController
@Tag(name = "Dashboard", description = "What the dashboard reads beyond the batches API, and stream tickets for EventSource")
class DashboardController {

    private static final int RECENT_BATCHES = 20;
    private static final int MAX_SOURCES = 5000;

    private final MongoTemplate mongo;
    private final StreamTickets tickets;
    private final BatchSummaries batches;

    DashboardController(MongoTemplate mongo, StreamTickets tickets, BatchSummaries batches) {
        this.mongo = mongo;
        this.tickets = tickets;
        this.batches = batches;
    }

    @PostMapping("/api/v1/stream-tickets")
    StreamTickets.Ticket ticket() {
        return tickets.issue();
    }

    @GetMapping("/api/v1/dashboard/sources")
    Mono<List<SourceView>> sources() {
        return blocking(() -> {
            Query query = new Query().with(Sort.by("_id")).limit(MAX_SOURCES);
            return mongo.find(query, Document.class, "sources").stream()
                    .map(d -> new SourceView(d.getString("_id"), d.getString("instanceId"), d.getString("regionId"),
                            d.getString("os"), d.getString("arch"), d.getString("status"), d.getString("hostname")))
                    .toList();
        });
    }

    @GetMapping("/api/v1/dashboard/batches")
    Mono<List<BatchSummaries.BatchSummary>> batches() {
        return blocking(() -> batches.page(null, 0, RECENT_BATCHES));
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }

    /** A source from the executor's catalog. */
    record SourceView(String sourceId, String instanceId, String regionId, String os, String arch, String status,
                      String hostname) {
    }
}
