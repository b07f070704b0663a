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

import io.osmigration.platform.web.ApiException;
import io.osmigration.snapshot.SnapshotProperties;
import io.osmigration.snapshot.domain.CostModel;
import io.osmigration.snapshot.domain.JobSnapshots;
import io.osmigration.snapshot.jobs.SnapshotJobs;
import io.osmigration.snapshot.orphans.OrphanSnapshots;
import io.osmigration.platform.security.Access;
import io.osmigration.platform.security.Role;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code /api/v1/snapshots}: a job's backup snapshots and their state, releasing them now, the orphans found. */
@RestController
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

    @Access(Role.VIEWER)
    @GetMapping("/api/v1/snapshots")
    Mono<List<SnapshotView>> list(@RequestParam(name = "jobId", required = false) String jobId) {
        Optional<String> filter = Optional.ofNullable(jobId).map(id -> validJobId("jobId", id));
        return Mono.fromCallable(() -> jobs.find(filter).stream()
                        .flatMap(job -> SnapshotView.of(job, cost).stream()).toList())
                .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * {@code POST /api/v1/snapshots/jobs/{jobId}:release}. The action follows a colon inside the last path segment
     * (Google AIP custom-method style), which a path pattern cannot split, so the segment is split here.
     */
    @Access(value = Role.ADMIN, action = "snapshots.release")
    @PostMapping("/api/v1/snapshots/jobs/{jobAction}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<JobView> act(@PathVariable("jobAction") String jobAction) {
        int colon = jobAction.lastIndexOf(':');
        if (colon < 0 || !"release".equals(jobAction.substring(colon + 1))) {
            throw new ApiException(HttpStatus.NOT_FOUND, "Not found",
                    "unknown action; use POST /api/v1/snapshots/jobs/{jobId}:release");
        }
        String jobId = validJobId("jobId", jobAction.substring(0, colon));
        return Mono.fromCallable(() -> {
            JobSnapshots job = jobs.releaseNow(jobId);
            return JobView.of(job, cost);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Access(Role.VIEWER)
    @GetMapping("/api/v1/snapshots/jobs/{jobId}")
    Mono<JobView> job(@PathVariable("jobId") String jobId) {
        String id = validJobId("jobId", jobId);
        return Mono.fromCallable(() -> jobs.find(Optional.of(id)).stream().findFirst()
                        .map(job -> JobView.of(job, cost))
                        .orElseThrow(() -> ApiException.notFound("job " + id)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** Backup snapshots the sweep found without a live job, newest first. */
    @Access(Role.VIEWER)
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
