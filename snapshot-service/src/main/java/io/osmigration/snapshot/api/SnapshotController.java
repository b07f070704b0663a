package io.osmigration.snapshot.api;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.osmigration.platform.web.ApiException;
import io.osmigration.snapshot.SnapshotProperties;
import io.osmigration.snapshot.domain.CostModel;
import io.osmigration.snapshot.domain.JobSnapshots;
import io.osmigration.snapshot.jobs.SnapshotJobs;
import io.osmigration.snapshot.orphans.OrphanSnapshots;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code /api/v1/snapshots}: a job's backup snapshots and their state, releasing them now, the orphans found. */
@RestController
@Tag(name = "Snapshots", description = "Backup snapshots of every disk of a job, their release and the orphans found")
class SnapshotController {

    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final SnapshotJobs jobs;
    private final OrphanSnapshots orphans;
    private final CostModel cost;

    SnapshotController(SnapshotJobs jobs, OrphanSnapshots orphans, SnapshotProperties properties) {
        this.jobs = jobs;
        this.orphans = orphans;
        this.cost = properties.costModel();
    }

    @GetMapping("/api/v1/snapshots")
    Mono<List<SnapshotView>> list(@RequestParam(name = "jobId", required = false) String jobId) {
        Optional<String> filter = Optional.ofNullable(jobId).map(id -> validJobId("jobId", id));
        return Mono.fromCallable(() -> jobs.find(filter).stream()
                        .flatMap(job -> SnapshotView.of(job, cost).stream()).toList())
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** {@code POST /api/v1/snapshots/jobs/{jobId}:release} (Google AIP custom-method style, as the executor's). */
    @PostMapping("/api/v1/snapshots/jobs/{jobId}:release")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "202", description = "Released now (or being released)", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The snapshots are being created or used for a rollback")
    Mono<JobView> release(@PathVariable("jobId") String jobId) {
        String id = validJobId("jobId", jobId);
        return Mono.fromCallable(() -> {
            JobSnapshots job = jobs.releaseNow(id);
            return JobView.of(job, cost);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** Any other {@code POST …/jobs/{jobId}:<action>}: a 404 that names the one action there is. */
    @Hidden
    @PostMapping("/api/v1/snapshots/jobs/{jobAction}")
    Mono<JobView> unknownAction(@PathVariable("jobAction") String jobAction) {
        throw new ApiException(HttpStatus.NOT_FOUND, "Not found",
                "unknown action; use POST /api/v1/snapshots/jobs/{jobId}:release");
    }

    @GetMapping("/api/v1/snapshots/jobs/{jobId}")
    Mono<JobView> job(@PathVariable("jobId") String jobId) {
        String id = validJobId("jobId", jobId);
        return Mono.fromCallable(() -> jobs.find(Optional.of(id)).stream().findFirst()
                        .map(job -> JobView.of(job, cost))
                        .orElseThrow(() -> ApiException.notFound("job " + id)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** Backup snapshots the sweep found without a live job, newest first. */
    @GetMapping("/api/v1/snapshots/orphans")
    Mono<List<OrphanSnapshots.Orphan>> orphans() {
        return Mono.fromCallable(() -> orphans.list(500)).subscribeOn(Schedulers.boundedElastic());
    }

    private static String validJobId(String field, String value) {
        if (!JOB_ID.matcher(value).matches()) {
            throw ApiException.invalidField(field, "must be a job id such as j-0123456789abcdef0123");
        }
        return value;
    }
}
