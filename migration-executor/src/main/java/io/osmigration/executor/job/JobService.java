package io.osmigration.executor.job;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.osmigration.executor.domain.Finding;
import io.osmigration.executor.domain.Job;
import io.osmigration.executor.domain.JobChange;
import io.osmigration.executor.domain.JobLifecycle;
import io.osmigration.executor.domain.JobState;
import io.osmigration.executor.domain.SnapshotRef;

/**
 * Applies what peers and operators say to jobs, each through the state machine ({@link JobLifecycle}): the
 * precheck's and snapshot-service's outcomes, approvals, cancellations, and the release of a job by its batch's wave.
 * A late or repeated event is refused by the state machine and changes nothing.
 */
@Service
public class JobService {

    private static final Logger log = LoggerFactory.getLogger(JobService.class);

    private final JobStore jobs;
    private final JobLifecycle lifecycle;
    private final Clock clock;

    public JobService(JobStore jobs, JobLifecycle lifecycle, Clock clock) {
        this.jobs = jobs;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /** Who an incoming event is about: the job id from its header, else the source's newest job in a fitting state. */
    public record Correlation(String eventId, String jobId, String sourceId) {
    }

    public Optional<JobChange> precheckPassed(Correlation about, List<io.osmigration.events.Finding> findings) {
        List<Finding> mapped = findings.stream().map(JobEventMapper::fromPrecheck).toList();
        return apply(about, EnumSet.complementOf(EnumSet.of(JobState.PENDING)),
                job -> lifecycle.precheckPassed(job, about.eventId(), mapped, clock.instant()));
    }

    public Optional<JobChange> precheckFailed(Correlation about, List<io.osmigration.events.Finding> findings) {
        List<Finding> mapped = findings.stream().map(JobEventMapper::fromPrecheck).toList();
        return apply(about, EnumSet.of(JobState.PRECHECKING),
                job -> lifecycle.precheckFailed(job, about.eventId(), mapped, clock.instant()));
    }

    public Optional<JobChange> snapshotsCreated(Correlation about, List<SnapshotRef> snapshots) {
        return apply(about, EnumSet.of(JobState.PRECHECKING, JobState.SNAPSHOTTING, JobState.FAILED,
                JobState.CANCELLED), job -> lifecycle.snapshotsCreated(job, about.eventId(), snapshots,
                clock.instant()));
    }

    public Optional<JobChange> snapshotsFailed(Correlation about, String reason) {
        return apply(about, EnumSet.of(JobState.PRECHECKING, JobState.SNAPSHOTTING),
                job -> lifecycle.snapshotsFailed(job, about.eventId(), reason, clock.instant()));
    }

    public Optional<JobChange> disksRolledBack(Correlation about, String restoredOs) {
        return apply(about, EnumSet.of(JobState.FAILED, JobState.CANCELLED),
                job -> lifecycle.disksRolledBack(job, about.eventId(), restoredOs, clock.instant()));
    }

    public void snapshotsReleased(Correlation about) {
        apply(about, EnumSet.allOf(JobState.class), job -> withinState(job.snapshotsReleased(clock.instant())));
    }

    /** Lets a drilled job migrate ({@code …:start}); refused unless it awaits approval with nothing CRITICAL. */
    public Optional<JobChange> approve(String jobId) {
        return jobs.update(jobId, job -> lifecycle.approve(job, clock.instant()));
    }

    public Optional<JobChange> cancel(String jobId, String reason) {
        return jobs.update(jobId, job -> lifecycle.cancel(job, reason, clock.instant()));
    }

    /** Cancels every PENDING job of the batch in one round trip (they have nothing to undo). */
    public int cancelPending(String batchId, String reason) {
        return jobs.updateAll(batchId, JobState.PENDING, job -> lifecycle.cancel(job, reason, clock.instant()));
    }

    /**
     * Releases a pending job: it claims its instance and asks for its precheck. If another job holds the instance,
     * this one ends PRECHECK_FAILED with the finding INSTANCE_BUSY naming that job.
     */
    public Optional<JobChange> release(String jobId) {
        try {
            return jobs.update(jobId, job -> lifecycle.release(job, clock.instant()));
        } catch (JobStore.InstanceBusyException busy) {
            Optional<Job> holder = busy.holder();
            log.info("Job {} not released: {}", jobId, busy.getMessage());
            return jobs.update(jobId, job -> lifecycle.instanceBusy(job, holder.map(Job::jobId).orElse("unknown"),
                    holder.map(Job::batchId).orElse("unknown"), clock.instant()));
        }
    }

    private Optional<JobChange> apply(Correlation about, Set<JobState> plausible, Function<Job, JobChange> change) {
        Optional<String> jobId = about.jobId() != null ? Optional.of(about.jobId())
                : jobs.latestOfSource(about.sourceId(), plausible).map(Job::jobId);
        if (jobId.isEmpty()) {
            log.debug("No job for event {} (source {}); ignored", about.eventId(), about.sourceId());
            return Optional.empty();
        }
        return jobs.update(jobId.get(), change);
    }

    /** Progress within a state that is no transition (snapshots released later). */
    private static JobChange withinState(Job job) {
        return new JobChange(job, List.of(), null, null);
    }
}
