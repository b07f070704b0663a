package io.osmigration.executor.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.osmigration.executor.batch.BatchStore;
import io.osmigration.executor.catalog.SourceCatalog;
import io.osmigration.executor.domain.Batch;
import io.osmigration.executor.job.JobStore;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What the dashboard needs beyond the contract's API, all read-only except the stream ticket: the sources the
 * executor knows (to start a batch) and the recent batches with their job counts per state.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@RestController
class DashboardController {

    private static final int RECENT_BATCHES = 20;
    private static final int MAX_SOURCES = 5000;

    private final BatchStore batches;
    private final JobStore jobs;
    private final SourceCatalog catalog;
    private final StreamTickets tickets;

    DashboardController(BatchStore batches, JobStore jobs, SourceCatalog catalog, StreamTickets tickets) {
        this.batches = batches;
        this.jobs = jobs;
        this.catalog = catalog;
        this.tickets = tickets;
    }

    @PostMapping("/api/v1/stream-tickets")
    StreamTickets.Ticket ticket() {
        return tickets.issue();
    }

    @GetMapping("/api/v1/dashboard/sources")
    Mono<List<SourceView>> sources() {
        return blocking(() -> catalog.first(MAX_SOURCES).stream()
                .map(s -> new SourceView(s.sourceId(), s.instanceId(), s.regionId(), s.os(), s.arch(), s.status(),
                        s.hostname()))
                .toList());
    }

    @GetMapping("/api/v1/dashboard/batches")
    Mono<List<BatchSummary>> batches() {
        return blocking(() -> batches.recent(RECENT_BATCHES).stream().map(this::summary).toList());
    }

    private BatchSummary summary(Batch batch) {
        Map<String, Integer> counts = new TreeMap<>(jobs.counts(batch.batchId()).asMap());
        return new BatchSummary(batch.batchId(), batch.requestId(), batch.state().name(), batch.reason(),
                batch.destinationOs(), batch.drillMode().name(), batch.total(), batch.createdAt(), counts);
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }

    /** A source from the executor's catalog. */
    record SourceView(String sourceId, String instanceId, String regionId, String os, String arch, String status,
                      String hostname) {
    }

    /** A batch with its jobs counted per state. */
    record BatchSummary(String batchId, String requestId, String state, String reason, String destinationOs,
                        String drillMode, int total, Instant createdAt, Map<String, Integer> counts) {
    }
}
