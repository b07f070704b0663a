package io.osmigration.snapshot.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The backup snapshots of one migration job and what is to be done with them next. Immutable: every transition
 * returns a new value. {@code nextActionAt} is when a worker should look at the job again (null: nothing to do
 * until an event or an operator asks).
 *
 * @param migrationOutcome null while the migration has not ended
 * @param snapshotGroupId  the snapshot-consistent group that holds every disk's snapshot (null: one snapshot per
 *                         disk, or not created yet)
 * @param groupRefusal     why the cloud would not take the instance's disks in one group (then each disk gets a
 *                         snapshot of its own); null while a group is possible
 */
public record JobSnapshots(String jobId, String batchId, String sourceId, String instanceId, String regionId,
                           String precheckEventId, Stage stage, List<DiskSnapshot> disks, Instant createdAt,
                           Instant creationDeadline, Instant nextActionAt, String failureReason, Release release,
                           Rollback rollback, String lastError, Instant updatedAt, MigrationOutcome migrationOutcome,
                           String snapshotGroupId, String groupRefusal) {

    public JobSnapshots {
        disks = disks == null ? List.of() : List.copyOf(disks);
    }

    /** A new job, stored before any cloud call so that a crash after it is recovered by the worker. */
    public static JobSnapshots start(String jobId, String batchId, String sourceId, String instanceId, String regionId,
                                     String precheckEventId, Instant now, Duration creationTimeout) {
        return new JobSnapshots(jobId, batchId, sourceId, instanceId, regionId, precheckEventId, Stage.DISCOVERING,
                List.of(), now, now.plus(creationTimeout), now, null, null, null, null, now, null, null, null);
    }

    /** A job that cannot be backed up at all (e.g. a server that is no ECS instance). */
    public static JobSnapshots impossible(String jobId, String batchId, String sourceId, String instanceId,
                                          String regionId, String precheckEventId, String reason, Instant now) {
        return new JobSnapshots(jobId, batchId, sourceId, instanceId, regionId, precheckEventId, Stage.FAILED,
                List.of(), now, now, null, reason, null, null, null, now, null, null, null);
    }

    public JobSnapshots withDisks(List<DiskInfo> found, CostModel cost, Instant now) {
        List<DiskSnapshot> planned = found.stream().map(disk -> new DiskSnapshot(disk.diskId(), disk.type(),
                disk.sizeGiB(), SnapshotNaming.name(jobId, disk.diskId()),
                SnapshotNaming.clientToken(jobId, disk.diskId()), null, SnapshotStatus.CREATING, null, null,
                cost.dailyCost(disk.sizeGiB()))).toList();
        return copy(Stage.CREATING, planned, now, failureReason, release, rollback, null, now);
    }

    public JobSnapshots withSnapshotId(String diskId, String snapshotId, Instant now) {
        return mapDisk(diskId, disk -> disk.withSnapshotId(snapshotId, now), now);
    }

    /** Whether the next step asks for one snapshot-consistent group rather than a snapshot per disk. */
    public boolean groupPossible() {
        return snapshotGroupId == null && groupRefusal == null;
    }

    /** CreateSnapshotGroup answered: the group's snapshots are being made; which disks it holds is read later. */
    public JobSnapshots groupCreated(String groupId, Instant next, Instant now) {
        return new JobSnapshots(jobId, batchId, sourceId, instanceId, regionId, precheckEventId, Stage.CREATING,
                List.of(), createdAt, creationDeadline, next, failureReason, release, rollback, null, now,
                migrationOutcome, groupId, null);
    }

    /** The cloud will not take these disks in one group (a disk category, too many disks): a snapshot per disk. */
    public JobSnapshots groupRefused(String reason, Instant now) {
        return new JobSnapshots(jobId, batchId, sourceId, instanceId, regionId, precheckEventId, stage, disks,
                createdAt, creationDeadline, now, failureReason, release, rollback, null, now, migrationOutcome,
                null, reason);
    }

    /** The disks the group took, each with its snapshot; sizes (and so costs) come with the first progress read. */
    public JobSnapshots withGroupMembers(List<CloudSnapshotGroup.Member> members, Instant now) {
        List<DiskSnapshot> planned = members.stream().map(member -> new DiskSnapshot(member.diskId(),
                member.diskType(), 0, SnapshotNaming.groupName(jobId), SnapshotNaming.groupClientToken(jobId),
                member.snapshotId(), SnapshotStatus.CREATING, now, null, 0)).toList();
        return copy(stage, planned, nextActionAt, failureReason, release, rollback, lastError, now);
    }

    /** Waiting only for the cloud: every snapshot was asked for, none is to be created any more. */
    public boolean awaitingProgress() {
        return stage == Stage.CREATING && (snapshotGroupId != null
                || !disks.isEmpty() && disks.stream().allMatch(d -> d.snapshotId() != null));
    }

    /** A group whose snapshots are not known yet (DescribeSnapshotGroups tells). */
    public boolean groupMembersUnknown() {
        return stage == Stage.CREATING && snapshotGroupId != null && disks.isEmpty();
    }

    /** When the first of the job's snapshots was recorded as asked for (the job's creation if none is yet). */
    public Instant snapshotsRequestedAt() {
        return disks.stream().map(DiskSnapshot::createdAt).filter(java.util.Objects::nonNull).min(Instant::compareTo)
                .orElse(createdAt);
    }

    /** Snapshots still being made, whose progress is to be read. */
    public List<String> pendingSnapshotIds() {
        return disks.stream().filter(d -> d.snapshotId() != null && d.status() == SnapshotStatus.CREATING)
                .map(DiskSnapshot::snapshotId).toList();
    }

    /** As {@link #observed(List, Instant)}, and takes the sizes the cloud reports for disks whose size is unknown. */
    public JobSnapshots observed(List<CloudSnapshot> seen, CostModel cost, Instant now) {
        Map<String, CloudSnapshot> byId = seen.stream()
                .collect(Collectors.toMap(CloudSnapshot::snapshotId, s -> s, (a, b) -> a));
        List<DiskSnapshot> sized = disks.stream().map(disk -> {
            CloudSnapshot cloud = disk.snapshotId() == null ? null : byId.get(disk.snapshotId());
            return cloud == null || disk.sizeGiB() > 0 || cloud.sizeGiB() <= 0 ? disk
                    : disk.withSize(cloud.sizeGiB(), cost.dailyCost(cloud.sizeGiB()));
        }).toList();
        return copy(stage, sized, nextActionAt, failureReason, release, rollback, lastError, now).observed(seen, now);
    }

    /** Applies what DescribeSnapshots said; snapshots it did not list keep their state. */
    public JobSnapshots observed(List<CloudSnapshot> seen, Instant now) {
        Map<String, CloudSnapshot> byId = seen.stream()
                .collect(Collectors.toMap(CloudSnapshot::snapshotId, s -> s, (a, b) -> a));
        List<DiskSnapshot> updated = disks.stream().map(disk -> {
            CloudSnapshot cloud = disk.snapshotId() == null ? null : byId.get(disk.snapshotId());
            if (cloud == null || disk.status() != SnapshotStatus.CREATING) {
                return disk;
            }
            if (cloud.accomplished()) {
                return disk.withStatus(SnapshotStatus.AVAILABLE);
            }
            return cloud.failed() ? disk.withStatus(SnapshotStatus.FAILED) : disk;
        }).toList();
        return copy(stage, updated, nextActionAt, failureReason, release, rollback, lastError, now);
    }

    public boolean allAvailable() {
        return !disks.isEmpty() && disks.stream().allMatch(d -> d.status() == SnapshotStatus.AVAILABLE);
    }

    public Optional<DiskSnapshot> firstFailed() {
        return disks.stream().filter(d -> d.status() == SnapshotStatus.FAILED).findFirst();
    }

    public JobSnapshots available(Instant now) {
        Instant next = release == null ? null : release.dueAt();
        return copy(Stage.AVAILABLE, disks, next, null, release, rollback, null, now);
    }

    public JobSnapshots cleanUp(String reason, Instant now) {
        return copy(Stage.CLEANING_UP, disks, now, reason, release, rollback, null, now);
    }

    /** After cleanup: nothing of this job is left in the cloud. */
    public JobSnapshots creationFailed(Instant now) {
        List<DiskSnapshot> gone = disks.stream().map(d -> d.status().exists() || d.status() == SnapshotStatus.FAILED
                ? d.deleted(SnapshotStatus.FAILED, d.snapshotId() == null ? null : now) : d).toList();
        return copy(Stage.FAILED, gone, null, failureReason, release, rollback, null, now);
    }

    /**
     * Asks for the snapshots to be released at {@code dueAt}. Kept even while the job is still creating, so the
     * release happens once the snapshots exist; ignored once they are gone or while a rollback needs them.
     */
    public JobSnapshots scheduleRelease(Release requested, Instant now) {
        if (!stage.ownsSnapshots() || stage == Stage.RELEASING || stage == Stage.ROLLING_BACK) {
            return this;
        }
        boolean waiting = stage == Stage.AVAILABLE || stage == Stage.ROLLED_BACK;
        return copy(stage, disks, waiting ? requested.dueAt() : nextActionAt, failureReason, requested, rollback,
                lastError, now);
    }

    public boolean releaseDue(Instant now) {
        return release != null && !release.dueAt().isAfter(now);
    }

    public JobSnapshots releasing(Instant now) {
        return copy(Stage.RELEASING, disks, now, failureReason, release, rollback, null, now);
    }

    public JobSnapshots snapshotDeleted(String diskId, SnapshotStatus finalStatus, Instant now) {
        return mapDisk(diskId, disk -> disk.deleted(finalStatus, now), now);
    }

    public JobSnapshots released(Instant now) {
        return copy(Stage.RELEASED, disks, null, failureReason, release, rollback, null, now);
    }

    /** A failed migration changed the instance: put every disk back to its snapshot. */
    public JobSnapshots startRollback(String causationId, Instant now) {
        if (stage != Stage.AVAILABLE) {
            return this;
        }
        return copy(Stage.ROLLING_BACK, disks, now, failureReason, null,
                new Rollback(RollbackStep.STOP, causationId, now, null), null, now);
    }

    public JobSnapshots rollbackAt(RollbackStep step, Instant next, Instant now) {
        return copy(stage, disks, next, failureReason, release, rollback.next(step), null, now);
    }

    /** Disks are back; the snapshots stay until an operator releases them. */
    public JobSnapshots rolledBack(String restoredOs, Instant now) {
        return copy(Stage.ROLLED_BACK, disks, null, failureReason, null, rollback.done(restoredOs), null, now);
    }

    /** What became of the migration these snapshots protect, as far as this service heard. */
    public JobSnapshots withMigrationOutcome(MigrationOutcome outcome, Instant now) {
        return new JobSnapshots(jobId, batchId, sourceId, instanceId, regionId, precheckEventId, stage, disks,
                createdAt, creationDeadline, nextActionAt, failureReason, release, rollback, lastError, now, outcome,
                snapshotGroupId, groupRefusal);
    }

    /**
     * Whether a cancellation leaves these snapshots without a live job: only before the migration had an outcome
     * (after one, they are released on success and kept for the operator on failure).
     */
    public boolean abandonedByCancellation() {
        return migrationOutcome == null && release == null
                && (stage == Stage.DISCOVERING || stage == Stage.CREATING || stage == Stage.AVAILABLE);
    }

    public JobSnapshots waitUntil(Instant next, Instant now) {
        return copy(stage, disks, next, failureReason, release, rollback, lastError, now);
    }

    /** A transient failure: remember it (for operators) and look again later. */
    public JobSnapshots retryLater(String error, Instant next, Instant now) {
        return copy(stage, disks, next, failureReason, release, rollback, error, now);
    }

    public List<DiskSnapshot> existingSnapshots() {
        return disks.stream().filter(d -> d.snapshotId() != null && d.status().exists()).toList();
    }

    public double totalDailyCost() {
        return CostModel.round(disks.stream().mapToDouble(DiskSnapshot::estimatedDailyCost).sum());
    }

    public boolean owns(String snapshotId) {
        return stage.ownsSnapshots() && disks.stream().anyMatch(d -> snapshotId.equals(d.snapshotId())
                && d.status().exists());
    }

    private JobSnapshots mapDisk(String diskId, UnaryOperator<DiskSnapshot> change, Instant now) {
        List<DiskSnapshot> updated = new ArrayList<>(disks.size());
        for (DiskSnapshot disk : disks) {
            updated.add(disk.diskId().equals(diskId) ? change.apply(disk) : disk);
        }
        return copy(stage, updated, nextActionAt, failureReason, release, rollback, lastError, now);
    }

    private JobSnapshots copy(Stage newStage, List<DiskSnapshot> newDisks, Instant next, String reason,
                              Release newRelease, Rollback newRollback, String error, Instant now) {
        return new JobSnapshots(jobId, batchId, sourceId, instanceId, regionId, precheckEventId, newStage, newDisks,
                createdAt, creationDeadline, next, reason, newRelease, newRollback, error, now, migrationOutcome,
                snapshotGroupId, groupRefusal);
    }
}
