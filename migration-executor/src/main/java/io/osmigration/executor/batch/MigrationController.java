package io.osmigration.executor.batch;

import java.security.Principal;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.osmigration.executor.catalog.SourcesUnavailableException;
import io.osmigration.executor.job.JobStore;
import io.osmigration.platform.web.ApiException;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The migrations API of the contract. The colon actions ({@code …:pause}) are mapped as literal path suffixes. Who
 * acts is the request's principal (the API token's name) when there is one, else {@code api}.
 */
@RestController
class MigrationController {

    static final String ANONYMOUS = "api";

    private final BatchService batches;
    private final JobStore jobs;

    MigrationController(BatchService batches, JobStore jobs) {
        this.batches = batches;
        this.jobs = jobs;
    }

    @PostMapping("/api/v1/migrations")
    Mono<ResponseEntity<BatchView>> submit(@RequestBody MigrationRequestBody body, ServerWebExchange exchange) {
        return as(exchange, by -> blocking(() -> {
            BatchService.Submission submission;
            try {
                submission = batches.submit(body.toCommand(), by);
            } catch (SourcesUnavailableException e) {
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Sources cannot be checked now",
                        e.getMessage() + "; try again shortly");
            }
            if (submission.refused()) {
                throw ApiException.badRequest(submission.violations().stream().map(Object::toString)
                                .reduce((a, b) -> a + "; " + b).orElse("invalid"),
                        submission.violations().stream()
                                .map(v -> new ApiException.FieldError(v.field(), v.message())).toList());
            }
            BatchView view = view(submission.batch().batchId());
            return ResponseEntity.status(submission.created() ? HttpStatus.CREATED : HttpStatus.OK).body(view);
        }));
    }

    @GetMapping("/api/v1/migrations/{batchId}")
    Mono<BatchView> get(@PathVariable String batchId) {
        return blocking(() -> view(batchId));
    }

    @PostMapping("/api/v1/migrations/{batchId}:pause")
    Mono<BatchView> pause(@PathVariable String batchId, ServerWebExchange exchange) {
        return as(exchange, by -> control(batchId, () -> batches.pause(batchId, by, null), "is not running"));
    }

    @PostMapping("/api/v1/migrations/{batchId}:resume")
    Mono<BatchView> resume(@PathVariable String batchId, ServerWebExchange exchange) {
        return as(exchange, by -> control(batchId, () -> batches.resume(batchId, by), "is not paused"));
    }

    @PostMapping("/api/v1/migrations/{batchId}:cancel")
    Mono<BatchView> cancel(@PathVariable String batchId, ServerWebExchange exchange) {
        return as(exchange, by -> control(batchId, () -> batches.cancel(batchId, by, null), "is already finished"));
    }

    @PostMapping("/api/v1/migrations/{batchId}/jobs/{jobId}:start")
    Mono<BatchView> start(@PathVariable String batchId, @PathVariable String jobId) {
        return control(batchId, () -> batches.startJob(batchId, jobId),
                "job " + jobId + " is not awaiting approval, or its drill found critical items");
    }

    @PostMapping("/api/v1/migrations/{batchId}/jobs/{jobId}:cancel")
    Mono<BatchView> cancelJob(@PathVariable String batchId, @PathVariable String jobId, ServerWebExchange exchange) {
        return as(exchange, by -> control(batchId, () -> batches.cancelJob(batchId, jobId, by, null),
                "job " + jobId + " is already finished"));
    }

    private Mono<BatchView> control(String batchId, Callable<BatchService.Outcome> action, String conflict) {
        return blocking(() -> {
            switch (action.call()) {
                case NOT_FOUND -> throw ApiException.notFound("Batch or job");
                case CONFLICT -> throw new ApiException(HttpStatus.CONFLICT, "Conflict",
                        "Batch " + batchId + ": " + conflict);
                default -> {
                    return view(batchId);
                }
            }
        });
    }

    private BatchView view(String batchId) {
        return batches.find(batchId).map(batch -> BatchView.of(batch, jobs.ofBatch(batchId)))
                .orElseThrow(() -> ApiException.notFound("Batch " + batchId));
    }

    /** Runs {@code work} as the request's principal (the API token's name), or as {@code api} without one. */
    private static <T> Mono<T> as(ServerWebExchange exchange, Function<String, Mono<T>> work) {
        return exchange.getPrincipal().map(Principal::getName).filter(name -> !name.isBlank())
                .defaultIfEmpty(ANONYMOUS).flatMap(work);
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}
