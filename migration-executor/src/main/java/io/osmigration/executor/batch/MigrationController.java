package io.osmigration.executor.batch;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.osmigration.executor.job.BatchCoordinator;
import io.osmigration.executor.job.JobStore;
import io.osmigration.platform.web.ApiException;
import io.osmigration.platform.web.QueryParameters;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The migrations API of the contract. The colon actions ({@code …:pause}) are mapped as literal path suffixes. */
@RestController
@Tag(name = "Batches", description = "Migration batches and their jobs: submit, list, show, pause, resume, cancel, approve")
class MigrationController {

    static final int MAX_PAGE_SIZE = 200;

    private final BatchService batches;
    private final BatchCoordinator coordinator;
    private final JobStore jobs;
    private final BatchSummaries summaries;

    MigrationController(BatchService batches, BatchCoordinator coordinator, JobStore jobs, BatchSummaries summaries) {
        this.batches = batches;
        this.coordinator = coordinator;
        this.jobs = jobs;
        this.summaries = summaries;
    }

    @PostMapping("/api/v1/migrations")
    @ApiResponse(responseCode = "201", description = "A new batch", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "The batch this requestId made before", useReturnTypeSchema = true)
    Mono<ResponseEntity<BatchView>> submit(@RequestBody MigrationRequestBody body) {
        return blocking(() -> {
            BatchService.Submission submission = batches.submit(body.toCommand());
            if (submission.refused()) {
                throw ApiException.badRequest(submission.violations().stream().map(Object::toString)
                                .reduce((a, b) -> a + "; " + b).orElse("invalid"),
                        submission.violations().stream()
                                .map(v -> new ApiException.FieldError(v.field(), v.message())).toList());
            }
            BatchView view = view(submission.batch().id);
            return ResponseEntity.status(submission.created() ? HttpStatus.CREATED : HttpStatus.OK).body(view);
        });
    }

    /** Newest first; the total in {@code X-Total-Count}. */
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

    @GetMapping("/api/v1/migrations/{batchId}")
    Mono<BatchView> get(@PathVariable String batchId) {
        return blocking(() -> view(batchId));
    }

    @PostMapping("/api/v1/migrations/{batchId}:pause")
    @ApiResponse(responseCode = "200", description = "The batch after the action", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The action does not apply to the batch or job as it is now")
    Mono<BatchView> pause(@PathVariable String batchId) {
        return control(batchId, () -> batches.pause(batchId, null), "is not running");
    }

    @PostMapping("/api/v1/migrations/{batchId}:resume")
    @ApiResponse(responseCode = "200", description = "The batch after the action", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The action does not apply to the batch or job as it is now")
    Mono<BatchView> resume(@PathVariable String batchId) {
        return control(batchId, () -> batches.resume(batchId), "is not paused");
    }

    @PostMapping("/api/v1/migrations/{batchId}:cancel")
    @ApiResponse(responseCode = "200", description = "The batch after the action", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The action does not apply to the batch or job as it is now")
    Mono<BatchView> cancel(@PathVariable String batchId) {
        return control(batchId, () -> batches.cancel(batchId, null), "is already finished");
    }

    @PostMapping("/api/v1/migrations/{batchId}/jobs/{jobId}:start")
    @ApiResponse(responseCode = "200", description = "The batch after the action", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The action does not apply to the batch or job as it is now")
    Mono<BatchView> start(@PathVariable String batchId, @PathVariable String jobId) {
        return control(batchId, () -> batches.startJob(batchId, jobId),
                "job " + jobId + " is not awaiting approval, or its drill found critical items");
    }

    @PostMapping("/api/v1/migrations/{batchId}/jobs/{jobId}:cancel")
    @ApiResponse(responseCode = "200", description = "The batch after the action", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The action does not apply to the batch or job as it is now")
    Mono<BatchView> cancelJob(@PathVariable String batchId, @PathVariable String jobId) {
        return control(batchId, () -> batches.cancelJob(batchId, jobId, null), "job " + jobId + " is already finished");
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
        return coordinator.find(batchId).map(batch -> BatchView.of(batch, jobs.ofBatch(batchId)))
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

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }

}
