package io.osmigration.executor.batch;

import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.osmigration.executor.job.BatchCoordinator;
import io.osmigration.executor.job.JobStore;
import io.osmigration.platform.web.ApiException;
import io.osmigration.platform.security.Access;
import io.osmigration.platform.security.Role;
import io.osmigration.platform.security.AuditResources;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The migrations API of the contract. The colon actions ({@code …:pause}) are mapped as literal path suffixes. */
@RestController
class MigrationController {

    private final BatchService batches;
    private final BatchCoordinator coordinator;
    private final JobStore jobs;

    MigrationController(BatchService batches, BatchCoordinator coordinator, JobStore jobs) {
        this.batches = batches;
        this.coordinator = coordinator;
        this.jobs = jobs;
    }

    @Access(value = Role.OPERATOR, action = "batch.start")
    @PostMapping("/api/v1/migrations")
    Mono<ResponseEntity<BatchView>> submit(@RequestBody MigrationRequestBody body, ServerWebExchange exchange) {
        return blocking(() -> {
            BatchService.Submission submission = batches.submit(body.toCommand());
            if (submission.refused()) {
                throw ApiException.badRequest(submission.violations().stream().map(Object::toString)
                                .reduce((a, b) -> a + "; " + b).orElse("invalid"),
                        submission.violations().stream()
                                .map(v -> new ApiException.FieldError(v.field(), v.message())).toList());
            }
            AuditResources.add(exchange, submission.batch().id);
            BatchView view = view(submission.batch().id);
            return ResponseEntity.status(submission.created() ? HttpStatus.CREATED : HttpStatus.OK).body(view);
        });
    }

    @Access(Role.VIEWER)
    @GetMapping("/api/v1/migrations/{batchId}")
    Mono<BatchView> get(@PathVariable String batchId) {
        return blocking(() -> view(batchId));
    }

    @Access(value = Role.OPERATOR, action = "batch.pause")
    @PostMapping("/api/v1/migrations/{batchId}:pause")
    Mono<BatchView> pause(@PathVariable String batchId) {
        return control(batchId, () -> batches.pause(batchId, null), "is not running");
    }

    @Access(value = Role.OPERATOR, action = "batch.resume")
    @PostMapping("/api/v1/migrations/{batchId}:resume")
    Mono<BatchView> resume(@PathVariable String batchId) {
        return control(batchId, () -> batches.resume(batchId), "is not paused");
    }

    @Access(value = Role.OPERATOR, action = "batch.cancel")
    @PostMapping("/api/v1/migrations/{batchId}:cancel")
    Mono<BatchView> cancel(@PathVariable String batchId) {
        return control(batchId, () -> batches.cancel(batchId, null), "is already finished");
    }

    @Access(value = Role.OPERATOR, action = "job.start")
    @PostMapping("/api/v1/migrations/{batchId}/jobs/{jobId}:start")
    Mono<BatchView> start(@PathVariable String batchId, @PathVariable String jobId) {
        return control(batchId, () -> batches.startJob(batchId, jobId),
                "job " + jobId + " is not awaiting approval, or its drill found critical items");
    }

    @Access(value = Role.OPERATOR, action = "job.cancel")
    @PostMapping("/api/v1/migrations/{batchId}/jobs/{jobId}:cancel")
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

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }

}
