package io.osmigration.snapshot.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.osmigration.platform.cloud.CloudApiException;
import io.osmigration.snapshot.SnapshotProperties;
import io.osmigration.snapshot.domain.CloudSnapshot;
import io.osmigration.snapshot.domain.CloudSnapshotGroup;
import io.osmigration.snapshot.domain.DiskInfo;
import io.osmigration.snapshot.domain.DiskSnapshot;
import io.osmigration.snapshot.domain.JobSnapshots;
import io.osmigration.snapshot.domain.PollSchedule;
import io.osmigration.snapshot.domain.ReleaseReason;
import io.osmigration.snapshot.domain.RollbackStep;
import io.osmigration.snapshot.domain.SnapshotCloud;
import io.osmigration.snapshot.domain.SnapshotNaming;
import io.osmigration.snapshot.domain.SnapshotStatus;
import io.osmigration.snapshot.domain.Stage;

/**
 * Moves a job one step further by talking to the cloud: never waits for the cloud, it looks again later. Every
 * step can be repeated after a crash (ClientTokens, deletes that tolerate "not found", deterministic event ids).
 */
@Component
class SnapshotWorkflow {

    private static final Logger log = LoggerFactory.getLogger(SnapshotWorkflow.class);

    private final SnapshotCloud cloud;
    private final JobEvents events;
    private final SnapshotProperties properties;

    SnapshotWorkflow(SnapshotCloud cloud, JobEvents events, SnapshotProperties properties) {
        this.cloud = cloud;
        this.events = events;
        this.properties = properties;
    }

    JobSnapshotsStore.Change advance(JobSnapshots job, Instant now) {
        try {
            return switch (job.stage()) {
                case DISCOVERING -> discover(job, now);
                case CREATING -> create(job, now);
                case CLEANING_UP -> cleanUp(job, now);
                case AVAILABLE, ROLLED_BACK -> job.releaseDue(now)
                        ? JobSnapshotsStore.Change.of(job.releasing(now))
                        : JobSnapshotsStore.Change.of(job.waitUntil(job.release() == null ? null : job.release().dueAt(), now));
                case RELEASING -> release(job, now);
                case ROLLING_BACK -> rollBack(job, now);
                case FAILED, RELEASED -> JobSnapshotsStore.Change.of(job.waitUntil(null, now));
            };
        } catch (CloudApiException e) {
            return failed(job, e, now);
        }
    }

    /**
     * Asks for one snapshot-consistent group of every disk of the instance; where the cloud refuses one (a disk
     * category, too many disks, a RAM policy without the action), lists the disks for a snapshot each.
     */
    private JobSnapshotsStore.Change discover(JobSnapshots job, Instant now) {
        if (properties.snapshotGroups() && job.groupPossible()) {
            return createGroup(job, now);
        }
        List<DiskInfo> disks = cloud.describeDisks(job.regionId(), job.instanceId());
        if (disks.isEmpty()) {
            return JobSnapshotsStore.Change.of(job.cleanUp("instance " + job.instanceId() + " has no disks", now));
        }
        return JobSnapshotsStore.Change.of(job.withDisks(disks, properties.costModel(), now));
    }

    private JobSnapshotsStore.Change createGroup(JobSnapshots job, Instant now) {
        try {
            String groupId = cloud.createSnapshotGroup(job.regionId(), job.instanceId(),
                    SnapshotNaming.groupName(job.jobId()), SnapshotNaming.groupClientToken(job.jobId()));
            return JobSnapshotsStore.Change.of(job.groupCreated(groupId, schedule().next(now, now), now));
        } catch (CloudApiException e) {
            if (e.isRetryable() || e.isNotFound()) {
                throw e; // a later try, or an instance that is not there: the per-disk path would not do better
            }
            log.info("Job {}: no snapshot-consistent group for {} ({}); one snapshot per disk instead", job.jobId(),
                    job.instanceId(), e.getMessage());
            return JobSnapshotsStore.Change.of(job.groupRefused(e.code() + ": " + e.getMessage(), now));
        }
    }

    /** Sends CreateSnapshot for every disk that has none yet; the progress is read with every other job's. */
    private JobSnapshotsStore.Change create(JobSnapshots job, Instant now) {
        if (job.awaitingProgress()) {
            return observe(List.of(job), now).get(job.jobId());
        }
        if (now.isAfter(job.creationDeadline())) {
            return timedOut(job, now);
        }
        JobSnapshots current = job;
        for (DiskSnapshot disk : job.disks()) {
            if (disk.snapshotId() == null) {
                String id = cloud.createSnapshot(job.regionId(), disk.diskId(), disk.snapshotName(),
                        disk.clientToken());
                current = current.withSnapshotId(disk.diskId(), id, now);
            }
        }
        return JobSnapshotsStore.Change.of(current.waitUntil(schedule().next(current.snapshotsRequestedAt(), now),
                now));
    }

    /**
     * Reads the progress of every given job waiting for its snapshots in as few calls as the API allows: one
     * DescribeSnapshotGroups per 10 groups whose snapshots are not known yet, then one DescribeSnapshots per 100
     * snapshots still being made, per region. A failed read only postpones (reads change nothing; the creation
     * deadline bounds the wait). Returns the change of each job, by job id.
     */
    Map<String, JobSnapshotsStore.Change> observe(List<JobSnapshots> jobs, Instant now) {
        Map<String, JobSnapshotsStore.Change> changes = new LinkedHashMap<>();
        Map<String, List<JobSnapshots>> byRegion = new LinkedHashMap<>();
        for (JobSnapshots job : jobs) {
            if (now.isAfter(job.creationDeadline())) {
                changes.put(job.jobId(), timedOut(job, now));
            } else {
                byRegion.computeIfAbsent(String.valueOf(job.regionId()), r -> new ArrayList<>()).add(job);
            }
        }
        byRegion.values().forEach(regionJobs -> changes.putAll(observeRegion(regionJobs, now)));
        return changes;
    }

    private Map<String, JobSnapshotsStore.Change> observeRegion(List<JobSnapshots> jobs, Instant now) {
        String region = jobs.get(0).regionId();
        Map<String, JobSnapshots> current = new LinkedHashMap<>();
        jobs.forEach(job -> current.put(job.jobId(), job));
        Map<String, JobSnapshotsStore.Change> changes = new LinkedHashMap<>();
        try {
            learnGroupMembers(region, current, now);
            List<String> pending = current.values().stream().flatMap(job -> job.pendingSnapshotIds().stream()).toList();
            List<CloudSnapshot> seen = pending.isEmpty() ? List.of() : cloud.describeSnapshots(region, pending);
            current.values().forEach(job -> changes.put(job.jobId(),
                    progressed(job.observed(seen, properties.costModel(), now), now)));
        } catch (CloudApiException e) {
            log.warn("Reading the snapshots of {} jobs failed: {}; will read again", jobs.size(), e.getMessage());
            current.values().forEach(job -> changes.put(job.jobId(), JobSnapshotsStore.Change.of(
                    job.retryLater(e.getMessage(), now.plus(properties.errorBackoff()), now))));
        }
        return changes;
    }

    /** Which snapshot of which disk each new group holds; a group not listed (yet) is asked again next time. */
    private void learnGroupMembers(String region, Map<String, JobSnapshots> current, Instant now) {
        Map<String, String> jobByGroup = new LinkedHashMap<>();
        current.values().stream().filter(JobSnapshots::groupMembersUnknown)
                .forEach(job -> jobByGroup.put(job.snapshotGroupId(), job.jobId()));
        if (jobByGroup.isEmpty()) {
            return;
        }
        for (CloudSnapshotGroup group : cloud.describeSnapshotGroups(region, jobByGroup.keySet())) {
            String jobId = jobByGroup.get(group.groupId());
            if (jobId != null && !group.members().isEmpty()) {
                current.put(jobId, current.get(jobId).withGroupMembers(group.members(), now));
            }
        }
    }

    /** After a read: done, failed, or to be read again later. */
    private JobSnapshotsStore.Change progressed(JobSnapshots job, Instant now) {
        Optional<DiskSnapshot> failed = job.firstFailed();
        if (failed.isPresent()) {
            return JobSnapshotsStore.Change.of(job.cleanUp("snapshot " + failed.get().snapshotId() + " of disk "
                    + failed.get().diskId() + " failed", now));
        }
        if (job.allAvailable()) {
            JobSnapshots available = job.available(now);
            return new JobSnapshotsStore.Change(available, List.of(events.snapshotsCreated(available)));
        }
        return JobSnapshotsStore.Change.of(job.waitUntil(schedule().next(job.snapshotsRequestedAt(), now), now));
    }

    private JobSnapshotsStore.Change timedOut(JobSnapshots job, Instant now) {
        return JobSnapshotsStore.Change.of(job.cleanUp("snapshots were not accomplished within "
                + properties.creationTimeout(), now));
    }

    private PollSchedule schedule() {
        return properties.polling().schedule();
    }

    /** Deletes everything this job created, including snapshots a crash kept us from recording. */
    private JobSnapshotsStore.Change cleanUp(JobSnapshots job, Instant now) {
        for (DiskSnapshot disk : job.disks()) {
            if (disk.snapshotId() != null) {
                cloud.deleteSnapshot(job.regionId(), disk.snapshotId());
            }
        }
        if (job.instanceId() != null) {
            for (CloudSnapshot left : leftovers(job)) {
                cloud.deleteSnapshot(job.regionId(), left.snapshotId());
            }
        }
        JobSnapshots failed = job.creationFailed(now);
        log.info("Snapshots of job {} failed: {}; partial snapshots deleted", job.jobId(), job.failureReason());
        return new JobSnapshotsStore.Change(failed, List.of(events.creationFailed(failed)));
    }

    private List<CloudSnapshot> leftovers(JobSnapshots job) {
        try {
            return cloud.findSnapshots(job.regionId(), job.instanceId(), SnapshotNaming.jobPrefix(job.jobId()));
        } catch (CloudApiException e) {
            if (e.isNotFound()) {
                return List.of(); // the instance is gone, and its snapshots cannot be listed by it
            }
            throw e;
        }
    }

    private JobSnapshotsStore.Change release(JobSnapshots job, Instant now) {
        List<DiskSnapshot> deleted = new ArrayList<>();
        JobSnapshots current = job;
        for (DiskSnapshot disk : job.existingSnapshots()) {
            cloud.deleteSnapshot(job.regionId(), disk.snapshotId());
            current = current.snapshotDeleted(disk.diskId(), SnapshotStatus.RELEASED, now);
            deleted.add(disk);
        }
        ReleaseReason reason = job.release() == null ? ReleaseReason.OPERATOR : job.release().reason();
        String causation = job.release() == null ? null : job.release().causationId();
        JobSnapshots released = current.released(now);
        log.info("Released {} snapshots of job {} ({})", deleted.size(), job.jobId(), reason);
        return new JobSnapshotsStore.Change(released,
                List.of(events.released(released, deleted, reason, causation)));
    }

    private JobSnapshotsStore.Change rollBack(JobSnapshots job, Instant now) {
        Instant later = now.plus(properties.pollInterval());
        RollbackStep step = job.rollback().step();
        if (step == RollbackStep.STOP) {
            SnapshotCloud.InstanceState state = cloud.describeInstance(job.regionId(), job.instanceId());
            if ("Stopped".equals(state.status())) {
                return JobSnapshotsStore.Change.of(job.rollbackAt(RollbackStep.RESET, now, now));
            }
            if ("Running".equals(state.status())) {
                cloud.stopInstance(job.regionId(), job.instanceId());
            }
            return JobSnapshotsStore.Change.of(job.waitUntil(later, now));
        }
        if (step == RollbackStep.RESET) {
            for (DiskSnapshot disk : job.disks()) {
                cloud.resetDisk(job.regionId(), disk.diskId(), disk.snapshotId());
            }
            return JobSnapshotsStore.Change.of(job.rollbackAt(RollbackStep.START, now, now));
        }
        SnapshotCloud.InstanceState state = cloud.describeInstance(job.regionId(), job.instanceId());
        if ("Running".equals(state.status())) {
            JobSnapshots rolledBack = job.rolledBack(state.osName(), now);
            log.info("Job {}: disks of {} reset to their snapshots, instance runs {}", job.jobId(),
                    job.instanceId(), state.osName());
            return new JobSnapshotsStore.Change(rolledBack, List.of(events.rolledBack(rolledBack)));
        }
        if ("Stopped".equals(state.status())) {
            cloud.startInstance(job.regionId(), job.instanceId());
        }
        return JobSnapshotsStore.Change.of(job.waitUntil(later, now));
    }

    /**
     * A cloud call failed. While creating, an answer that cannot change by retrying (an unknown disk, a quota) ends
     * the creation; everything else is retried later, because leaving snapshots or a half rolled back instance
     * behind is worse than trying again.
     */
    private JobSnapshotsStore.Change failed(JobSnapshots job, CloudApiException e, Instant now) {
        boolean creating = job.stage() == Stage.DISCOVERING || job.stage() == Stage.CREATING;
        if (creating && !e.isRetryable()) {
            return JobSnapshotsStore.Change.of(job.cleanUp(e.getMessage(), now));
        }
        log.warn("Job {} ({}): {}; will retry", job.jobId(), job.stage(), e.getMessage());
        return JobSnapshotsStore.Change.of(job.retryLater(e.getMessage(), now.plus(properties.errorBackoff()), now));
    }
}
