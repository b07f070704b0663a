package io.osmigration.executor.job;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.osmigration.events.Finding;
import io.osmigration.events.SnapshotInfo;
import io.osmigration.executor.domain.DrillMode;
import io.osmigration.executor.domain.JobState;

/**
 * Moves jobs on the events of precheck-service and snapshot-service, and on operators' controls. Every transition is
 * conditional on the state the job is in, so a redelivered or late event changes nothing.
 */
@Service
public class JobSaga {

    private static final Logger log = LoggerFactory.getLogger(JobSaga.class);

    private final JobStore jobs;
    private final BatchCoordinator batches;
    private final JobEvents events;

    public JobSaga(JobStore jobs, BatchCoordinator batches, Clock clock) {
        this.jobs = jobs;
        this.batches = batches;
        this.events = new JobEvents(clock);
    }

    /** Who an incoming event is about: the job id from its header, else the source's newest job in a fitting state. */
    public record Correlation(String eventId, String jobId, String sourceId) {
    }

    public void precheckPassed(Correlation about, List<Finding> findings) {
        Set<JobState> any = EnumSet.complementOf(EnumSet.of(JobState.PENDING));
        transition(about, any, job -> {
            if (job.is(JobState.PRECHECKING)) {
                job.state = JobState.SNAPSHOTTING.name();
            }
            // Later states: the snapshots were seen first (another topic); keep the warnings all the same.
            List<FindingRecord> all = new java.util.ArrayList<>(findings.stream().map(FindingRecord::fromPrecheck).toList());
            job.findings.stream().filter(f -> !"PRECHECK".equals(f.source())).forEach(all::add);
            job.findings = all;
        });
    }

    public void precheckFailed(Correlation about, List<Finding> findings) {
        transition(about, EnumSet.of(JobState.PRECHECKING), job -> {
            job.state = JobState.PRECHECK_FAILED.name();
            job.findings = findings.stream().map(FindingRecord::fromPrecheck).toList();
            job.error = "The precheck found critical items";
        });
    }

    public void snapshotsCreated(Correlation about, List<SnapshotInfo> snapshots) {
        // PRECHECKING too: prechecks and snapshots are different topics, and a consumer may see the snapshots first.
        Optional<JobDocument> moved = transition(about, EnumSet.of(JobState.PRECHECKING, JobState.SNAPSHOTTING,
                JobState.CANCELLED), job -> {
            job.snapshots = snapshots.stream().map(info -> SnapshotRecord.of(info, "AVAILABLE")).toList();
            if (job.is(JobState.CANCELLED)) {
                // Cancelled while snapshotting: nothing changed on the instance; tell snapshot-service it is over.
                events.failed(job, null, "Cancelled before the migration started", false);
                return;
            }
            job.state = DrillMode.valueOf(job.drillMode) == DrillMode.NONE
                    ? JobState.MIGRATING.name() : JobState.DRILLING.name();
        });
        moved.ifPresent(job -> log.info("Job {} has its snapshots, now {}", job.id, job.state));
    }

    public void snapshotCreationFailed(Correlation about, String reason) {
        transition(about, EnumSet.of(JobState.PRECHECKING, JobState.SNAPSHOTTING), job -> {
            job.state = JobState.FAILED.name();
            job.error = "Snapshots could not be created: " + reason;
        });
    }

    public void disksRolledBack(Correlation about, String restoredOs) {
        transition(about, EnumSet.of(JobState.FAILED, JobState.CANCELLED), job -> {
            if (job.is(JobState.FAILED)) {
                job.state = JobState.ROLLED_BACK.name();
            }
            job.snapshots = job.snapshots.stream().map(s -> s.withStatus("RESTORED")).toList();
            job.error = (job.error == null ? "" : job.error + "; ") + "disks rolled back"
                    + (restoredOs == null ? "" : " to " + restoredOs);
        });
    }

    public void snapshotReleased(Correlation about) {
        transition(about, EnumSet.allOf(JobState.class), job ->
                job.snapshots = job.snapshots.stream().map(s -> s.withStatus("RELEASED")).toList());
    }

    /** Lets a drilled job migrate ({@code …:start}); false if it is not waiting for approval. */
    public boolean start(String jobId) {
        return jobs.update(jobId, job -> {
            if (!job.is(JobState.AWAITING_APPROVAL)) {
                return false;
            }
            job.state = JobState.MIGRATING.name();
            job.approved = true;
            return true;
        }).isPresent();
    }

    /**
     * Cancels a job. Before MIGRATING it ends at once; while MIGRATING the worker stops it between steps (a step
     * half-run on the instance cannot be interrupted safely) and asks for the rollback if anything ran.
     */
    public Optional<JobDocument> cancel(String jobId, String reason) {
        Optional<JobDocument> result = jobs.update(jobId, job -> {
            JobState state = job.jobState();
            if (state.isFinished()) {
                return false;
            }
            if (state == JobState.MIGRATING) {
                job.cancelRequested = true;
                return true;
            }
            job.state = JobState.CANCELLED.name();
            job.error = reason;
            if (!job.snapshots.isEmpty()) {
                events.failed(job, null, reason, false);
            }
            return true;
        });
        result.ifPresent(job -> batches.reconcile(job.batchId));
        return result;
    }

    private Optional<JobDocument> transition(Correlation about, Set<JobState> from,
                                             java.util.function.Consumer<JobDocument> change) {
        Optional<String> jobId = resolve(about, from);
        if (jobId.isEmpty()) {
            log.debug("No job in {} for event {} (source {}); ignored", from, about.eventId(), about.sourceId());
            return Optional.empty();
        }
        Optional<JobDocument> changed = jobs.update(jobId.get(), job -> {
            if (!from.contains(job.jobState())) {
                return false;
            }
            job.lastEventId = about.eventId();
            change.accept(job);
            return true;
        });
        changed.filter(job -> job.jobState().isFinished()).ifPresent(job -> batches.reconcile(job.batchId));
        return changed;
    }

    private Optional<String> resolve(Correlation about, Set<JobState> from) {
        if (about.jobId() != null) {
            return jobs.find(about.jobId()).map(job -> job.id);
        }
        return jobs.latestOfSource(about.sourceId(), List.copyOf(from)).map(job -> job.id);
    }
}
