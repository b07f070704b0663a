package io.osmigration.executor.dashboard;

import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.swagger.v3.oas.annotations.tags.Tag;

import io.osmigration.executor.batch.BatchSummaries;
import io.osmigration.executor.catalog.SourceCatalog;
import io.osmigration.platform.security.Access;
import io.osmigration.platform.security.Principal;
import io.osmigration.platform.security.Role;

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

    private final BatchSummaries batches;
    private final SourceCatalog catalog;
    private final StreamTickets tickets;

    DashboardController(BatchSummaries batches, SourceCatalog catalog, StreamTickets tickets) {
        this.batches = batches;
        this.catalog = catalog;
        this.tickets = tickets;
    }

    @Access(value = Role.VIEWER, audited = false)
    @PostMapping("/api/v1/stream-tickets")
    StreamTickets.Ticket ticket(ServerWebExchange exchange) {
        return tickets.issue(Principal.of(exchange).orElseThrow());
    }

    @Access(Role.VIEWER)
    @GetMapping("/api/v1/dashboard/sources")
    Mono<List<SourceView>> sources() {
        return blocking(() -> catalog.first(MAX_SOURCES).stream()
                .map(s -> new SourceView(s.sourceId(), s.instanceId(), s.regionId(), s.os(), s.arch(), s.status(),
                        s.hostname()))
                .toList());
    }

    @Access(Role.VIEWER)
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
