package io.osmigration.executor.batch;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.osmigration.executor.catalog.SourcesUnavailableException;
import io.osmigration.executor.job.JobStore;
import io.osmigration.platform.web.ApiException;
import io.osmigration.platform.security.Access;
import io.osmigration.platform.security.Role;
import io.osmigration.platform.security.AuditResources;
import io.osmigration.platform.security.Principal;
import io.osmigration.platform.web.QueryParameters;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The migrations API of the contract. The colon actions ({@code …:pause}) are mapped as literal path suffixes. Who
 * acts is the request's principal (the API token's name) when there is one, else {@code api}.
 */
@RestController
@Tag(name = "Batches", description = "Migration batches and their jobs: submit, list, show, pause, resume, cancel, approve")
class MigrationController {

    static final int MAX_PAGE_SIZE = 200;
    static final String ANONYMOUS = "api";

    private final BatchService batches;
    private final JobStore jobs;
    private final BatchSummaries summaries;

    MigrationController(BatchService batches, JobStore jobs, BatchSummaries summaries) {
        this.batches = batches;
        this.jobs = jobs;
        this.summaries = summaries;
    }

    @Access(value = Role.OPERATOR, action = "batch.start")
    @PostMapping("/api/v1/migrations")
    @ApiResponse(responseCode = "201", description = "A new batch", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "The batch this requestId made before", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "503", description = "Sources cannot be checked now (source-registry unreachable)")
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
            AuditResources.add(exchange, submission.batch().batchId());
            BatchView view = view(submission.batch().batchId());
            return ResponseEntity.status(submission.created() ? HttpStatus.CREATED : HttpStatus.OK).body(view);
        }));
    }

    /** Newest first; the total in {@code X-Total-Count}. */
    @Access(Role.VIEWER)
    @GetMapping("/api/v1/migrations")
    Mono<ResponseEntity<List<BatchSummaries.BatchSummary>>> list(@RequestParam(required = false) String state,
                                                                 @RequestParam(defaultValue = "0") String page,
                                                                 @RequestParam(defaultValue = "20") String size) {
        String wanted = batchState(state);
        int pageNumber = QueryParameters.wholeNumber("page", page, 0, 1_000_000);
        int pageSize = QueryParameters.wholeNumber("size", size, 1, MAX_PAGE_SIZE);
        return blocking(() -> ResponseEntity.ok()
                .header("X-Total-Count", Long.toString(summaries.count(wanted)))
                .body(summaries.page(wanted, pageNumber, pageSize)));
    }

    /** The batch with every job, or with {@code jobs=false} only its counts (for pages that show jobs a page at once). */
    @Access(Role.VIEWER)
    @GetMapping("/api/v1/migrations/{batchId}")
    Mono<BatchView> get(@PathVariable String batchId, @RequestParam(defaultValue = "true") String jobs) {
        boolean withJobs = switch (jobs.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalidField("jobs", "must be true or false");
        };
        return blocking(() -> withJobs ? view(batchId) : batches.find(batchId)
                .map(batch -> BatchView.withoutJobs(batch, this.jobs.counts(batchId)))
                .orElseThrow(() -> ApiException.notFound("Batch " + batchId)));
    }

    /**
     * One page of the batch's jobs for a grid that holds batches of any size: filtered by state (comma-separated) and
     * text ({@code q}: part of a job id, source id or instance id), in plan order; {@code counts} are the whole
     * batch's jobs per state, {@code total} those that match (also in {@code X-Total-Count}).
     */
    @Access(Role.VIEWER)
    @GetMapping("/api/v1/migrations/{batchId}/jobs")
    @ApiResponse(responseCode = "200", description = "A page of the batch's jobs", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "A bad state, q, page or size (each named in errors)")
    @ApiResponse(responseCode = "404", description = "No such batch")
    Mono<ResponseEntity<JobGrid>> jobs(@PathVariable String batchId,
                                       @RequestParam(required = false) String state,
                                       @RequestParam(required = false) String q,
                                       @RequestParam(defaultValue = "0") String page,
                                       @RequestParam(defaultValue = "50") String size) {
        JobGrid.Query query = JobGrid.Query.parse(state, q, page, size, MAX_PAGE_SIZE);
        return blocking(() -> {
            if (batches.find(batchId).isEmpty()) {
                throw ApiException.notFound("Batch " + batchId);
            }
            JobStore.JobPage found = jobs.page(batchId, query.states(), query.text(), query.page(), query.size());
            return ResponseEntity.ok().header("X-Total-Count", Long.toString(found.total()))
                    .body(JobGrid.of(batchId, query, found));
        });
    }

    @Access(value = Role.OPERATOR, action = "batch.pause")
    @PostMapping("/api/v1/migrations/{batchId}:pause")
    @ApiResponse(responseCode = "200", description = "The batch after the action", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The action does not apply to the batch or job as it is now")
    Mono<BatchView> pause(@PathVariable String batchId, ServerWebExchange exchange) {
        return as(exchange, by -> control(batchId, () -> batches.pause(batchId, by, null), "is not running"));
    }

    @Access(value = Role.OPERATOR, action = "batch.resume")
    @PostMapping("/api/v1/migrations/{batchId}:resume")
    @ApiResponse(responseCode = "200", description = "The batch after the action", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The action does not apply to the batch or job as it is now")
    Mono<BatchView> resume(@PathVariable String batchId, ServerWebExchange exchange) {
        return as(exchange, by -> control(batchId, () -> batches.resume(batchId, by), "is not paused"));
    }

    @Access(value = Role.OPERATOR, action = "batch.cancel")
    @PostMapping("/api/v1/migrations/{batchId}:cancel")
    @ApiResponse(responseCode = "200", description = "The batch after the action", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The action does not apply to the batch or job as it is now")
    Mono<BatchView> cancel(@PathVariable String batchId, ServerWebExchange exchange) {
        return as(exchange, by -> control(batchId, () -> batches.cancel(batchId, by, null), "is already finished"));
    }

    @Access(value = Role.OPERATOR, action = "job.start")
    @PostMapping("/api/v1/migrations/{batchId}/jobs/{jobId}:start")
    @ApiResponse(responseCode = "200", description = "The batch after the action", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The action does not apply to the batch or job as it is now")
    Mono<BatchView> start(@PathVariable String batchId, @PathVariable String jobId) {
        return control(batchId, () -> batches.startJob(batchId, jobId),
                "job " + jobId + " is not awaiting approval, or its drill found critical items");
    }

    @Access(value = Role.OPERATOR, action = "job.cancel")
    @PostMapping("/api/v1/migrations/{batchId}/jobs/{jobId}:cancel")
    @ApiResponse(responseCode = "200", description = "The batch after the action", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The action does not apply to the batch or job as it is now")
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

    private static String batchState(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String state = value.trim().toUpperCase(Locale.ROOT);
        if (!BatchSummaries.STATES.contains(state)) {
            throw ApiException.invalidField("state", "must be one of " + String.join(", ", BatchSummaries.STATES));
        }
        return state;
    }

    /** Runs {@code work} as the request's principal (the API token's name), or as {@code api} without one. */
    private static <T> Mono<T> as(ServerWebExchange exchange, Function<String, Mono<T>> work) {
        return work.apply(Principal.of(exchange).map(Principal::name).orElse(ANONYMOUS));
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}
