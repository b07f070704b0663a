package io.osmigration.executor.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.bson.Document;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.osmigration.executor.job.BatchDocument;
import io.osmigration.executor.job.JobDocument;
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
class DashboardController {

    private static final int RECENT_BATCHES = 20;
    private static final int MAX_SOURCES = 5000;

    private final MongoTemplate mongo;
    private final StreamTickets tickets;

    DashboardController(MongoTemplate mongo, StreamTickets tickets) {
        this.mongo = mongo;
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
        return blocking(() -> {
            Query query = new Query().with(Sort.by("_id")).limit(MAX_SOURCES);
            return mongo.find(query, Document.class, "sources").stream()
                    .map(d -> new SourceView(d.getString("_id"), d.getString("instanceId"), d.getString("regionId"),
                            d.getString("os"), d.getString("arch"), d.getString("status"), d.getString("hostname")))
                    .toList();
        });
    }

    @Access(Role.VIEWER)
    @GetMapping("/api/v1/dashboard/batches")
    Mono<List<BatchSummary>> batches() {
        return blocking(() -> {
            Query recent = new Query().with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(RECENT_BATCHES);
            List<BatchDocument> batches = mongo.find(recent, BatchDocument.class);
            return batches.stream().map(this::summary).toList();
        });
    }

    private BatchSummary summary(BatchDocument batch) {
        Query jobs = new Query(Criteria.where("batchId").is(batch.id));
        jobs.fields().include("state");
        Map<String, Integer> counts = new TreeMap<>();
        mongo.find(jobs, Document.class, JobDocument.COLLECTION)
                .forEach(job -> counts.merge(String.valueOf(job.getString("state")), 1, Integer::sum));
        return new BatchSummary(batch.id, batch.requestId, batch.state, batch.reason, batch.destinationOs,
                batch.drillMode, batch.total, batch.createdAt, counts);
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
