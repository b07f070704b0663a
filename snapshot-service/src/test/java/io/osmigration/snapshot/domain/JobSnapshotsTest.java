package io.osmigration.snapshot.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class JobSnapshotsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final CostModel COST = new CostModel(0.12, "USD");

    private JobSnapshots available() {
        JobSnapshots job = JobSnapshots.start("j-1", "b-1", "s-1", "i-1", "cn-hangzhou", "e-1", NOW,
                Duration.ofMinutes(5))
                .withDisks(List.of(new DiskInfo("d-1", "system", 40), new DiskInfo("d-2", "data", 100)), COST, NOW)
                .withSnapshotId("d-1", "s-a", NOW)
                .withSnapshotId("d-2", "s-b", NOW);
        return job.observed(List.of(new CloudSnapshot("s-a", "x", "d-1", "accomplished", 40),
                new CloudSnapshot("s-b", "y", "d-2", "accomplished", 100)), NOW).available(NOW);
    }

    @Test
    void namesAndClientTokensDeriveFromJobAndDiskOnly() {
        String token = SnapshotNaming.clientToken("j-0123456789abcdef0123", "d-bp1" + "x".repeat(200));
        assertThat(token).hasSizeLessThanOrEqualTo(64).matches("\\p{ASCII}+")
                .isEqualTo(SnapshotNaming.clientToken("j-0123456789abcdef0123", "d-bp1" + "x".repeat(200)))
                .isNotEqualTo(SnapshotNaming.clientToken("j-0123456789abcdef0123", "d-other"));
        assertThat(SnapshotNaming.name("j-1", "d-9")).isEqualTo("SMC_Backup_Snapshot_j-1_d-9");
        assertThat(SnapshotNaming.jobIdOf("SMC_Backup_Snapshot_j-1_d-9")).contains("j-1");
        assertThat(SnapshotNaming.jobIdOf("someone-elses")).isEmpty();
    }

    @Test
    void aGroupsSnapshotsAreLearntFromTheGroupAndTheirSizesAndCostsFromTheFirstProgressRead() {
        JobSnapshots job = JobSnapshots.start("j-1", "b-1", "s-1", "i-1", "cn-hangzhou", "e-1", NOW,
                Duration.ofMinutes(5));
        assertThat(job.groupPossible()).isTrue();

        JobSnapshots grouped = job.groupCreated("ssg-1", NOW.plusSeconds(2), NOW);
        assertThat(grouped.stage()).isEqualTo(Stage.CREATING);
        assertThat(grouped.awaitingProgress()).isTrue();
        assertThat(grouped.groupMembersUnknown()).isTrue();
        assertThat(grouped.pendingSnapshotIds()).isEmpty();

        JobSnapshots members = grouped.withGroupMembers(List.of(new CloudSnapshotGroup.Member("s-a", "d-1", "system"),
                new CloudSnapshotGroup.Member("s-b", "d-2", "data")), NOW.plusSeconds(2));
        assertThat(members.groupMembersUnknown()).isFalse();
        assertThat(members.pendingSnapshotIds()).containsExactly("s-a", "s-b");
        assertThat(members.disks()).extracting(DiskSnapshot::snapshotName).containsOnly("SMC_Backup_Snapshot_j-1");

        JobSnapshots read = members.observed(List.of(new CloudSnapshot("s-a", "s-a", "d-1", "accomplished", 40),
                new CloudSnapshot("s-b", "s-b", "d-2", "progressing", 100)), COST, NOW.plusSeconds(4));
        assertThat(read.disks()).extracting(DiskSnapshot::sizeGiB).containsExactly(40, 100);
        assertThat(read.totalDailyCost()).isEqualTo(0.56);
        assertThat(read.pendingSnapshotIds()).containsExactly("s-b");
        assertThat(read.allAvailable()).isFalse();
        assertThat(read.snapshotsRequestedAt()).isEqualTo(NOW.plusSeconds(2));
    }

    @Test
    void aRefusedGroupLeavesTheJobToASnapshotPerDisk() {
        JobSnapshots refused = JobSnapshots.start("j-1", "b-1", "s-1", "i-1", "cn-hangzhou", "e-1", NOW,
                Duration.ofMinutes(5)).groupRefused("InvalidDiskCategory.NotSupported: cloud_efficiency", NOW);
        assertThat(refused.stage()).isEqualTo(Stage.DISCOVERING);
        assertThat(refused.groupPossible()).isFalse();
        assertThat(refused.nextActionAt()).isEqualTo(NOW);
        JobSnapshots perDisk = refused.withDisks(List.of(new DiskInfo("d-1", "system", 40)), COST, NOW);
        assertThat(perDisk.awaitingProgress()).isFalse();
        assertThat(perDisk.withSnapshotId("d-1", "s-a", NOW).awaitingProgress()).isTrue();
        assertThat(perDisk.snapshotGroupId()).isNull();
    }

    @Test
    void groupNamesAndTokensDeriveFromTheJobAndNameTheJob() {
        assertThat(SnapshotNaming.groupName("j-1")).isEqualTo("SMC_Backup_Snapshot_j-1");
        assertThat(SnapshotNaming.jobIdOf(SnapshotNaming.groupName("j-1"))).contains("j-1");
        assertThat(SnapshotNaming.groupClientToken("j-1")).hasSizeLessThanOrEqualTo(64)
                .isEqualTo(SnapshotNaming.groupClientToken("j-1"))
                .isNotEqualTo(SnapshotNaming.groupClientToken("j-2"))
                .isNotEqualTo(SnapshotNaming.clientToken("j-1", "snapshot-group"));
        assertThat(SnapshotNaming.jobIdOf(SnapshotNaming.PREFIX)).isEmpty();
    }

    @Test
    void dailyCostIsSizeTimesMonthlyPriceOverThirtyDays() {
        assertThat(COST.dailyCost(100)).isEqualTo(0.4);
        assertThat(available().totalDailyCost()).isEqualTo(0.56);
    }

    @Test
    void creationWaitsForEverySnapshotAndNoticesAFailedOne() {
        JobSnapshots creating = JobSnapshots.start("j-1", "b-1", "s-1", "i-1", "r", "e", NOW, Duration.ofMinutes(5))
                .withDisks(List.of(new DiskInfo("d-1", "system", 40), new DiskInfo("d-2", "data", 10)), COST, NOW)
                .withSnapshotId("d-1", "s-a", NOW).withSnapshotId("d-2", "s-b", NOW);
        JobSnapshots half = creating.observed(List.of(new CloudSnapshot("s-a", "x", "d-1", "accomplished", 40)), NOW);
        assertThat(half.allAvailable()).isFalse();
        assertThat(half.firstFailed()).isEmpty();
        JobSnapshots failed = half.observed(List.of(new CloudSnapshot("s-b", "y", "d-2", "failed", 10)), NOW);
        assertThat(failed.firstFailed()).map(DiskSnapshot::diskId).contains("d-2");
        JobSnapshots gone = failed.cleanUp("broken", NOW).creationFailed(NOW);
        assertThat(gone.stage()).isEqualTo(Stage.FAILED);
        assertThat(gone.existingSnapshots()).isEmpty();
        assertThat(gone.nextActionAt()).isNull();
    }

    @Test
    void aReleaseAskedForWhileCreatingWaitsForTheSnapshotsAndKeepsItsDueTime() {
        Instant due = NOW.plus(Duration.ofDays(1));
        JobSnapshots creating = JobSnapshots.start("j-1", "b-1", "s-1", "i-1", "r", "e", NOW, Duration.ofMinutes(5))
                .scheduleRelease(new Release(ReleaseReason.RETENTION, due, "m-1"), NOW);
        assertThat(creating.nextActionAt()).isEqualTo(NOW);
        JobSnapshots job = available().scheduleRelease(new Release(ReleaseReason.RETENTION, due, "m-1"), NOW);
        assertThat(job.nextActionAt()).isEqualTo(due);
        assertThat(job.releaseDue(NOW)).isFalse();
        assertThat(job.releaseDue(due)).isTrue();
    }

    @Test
    void rollbackOnlyFromAvailableSnapshotsAndTheyAreKeptAfterwards() {
        JobSnapshots rolling = available().startRollback("f-1", NOW);
        assertThat(rolling.stage()).isEqualTo(Stage.ROLLING_BACK);
        assertThat(rolling.rollback().step()).isEqualTo(RollbackStep.STOP);
        JobSnapshots done = rolling.rollbackAt(RollbackStep.RESET, NOW, NOW).rollbackAt(RollbackStep.START, NOW, NOW)
                .rolledBack("CentOS Linux 7 (Core)", NOW);
        assertThat(done.stage()).isEqualTo(Stage.ROLLED_BACK);
        assertThat(done.nextActionAt()).isNull();
        assertThat(done.existingSnapshots()).hasSize(2);
        assertThat(done.startRollback("f-2", NOW)).isSameAs(done);
    }

    @Test
    void orphansAreSnapshotsNoLiveJobOwns() {
        CloudSnapshot snapshot = new CloudSnapshot("s-a", "SMC_Backup_Snapshot_j-1_d-1", "d-1", "accomplished", 40);
        CloudSnapshot stray = new CloudSnapshot("s-z", "SMC_Backup_Snapshot_j-1_d-1", "d-1", "accomplished", 40);
        assertThat(OrphanPolicy.isOrphan(snapshot, Optional.empty())).isTrue();
        assertThat(OrphanPolicy.isOrphan(snapshot, Optional.of(available()))).isFalse();
        assertThat(OrphanPolicy.isOrphan(stray, Optional.of(available()))).isTrue();
        JobSnapshots released = available().releasing(NOW)
                .snapshotDeleted("d-1", SnapshotStatus.RELEASED, NOW)
                .snapshotDeleted("d-2", SnapshotStatus.RELEASED, NOW).released(NOW);
        assertThat(OrphanPolicy.isOrphan(snapshot, Optional.of(released))).isTrue();
        JobSnapshots creating = JobSnapshots.start("j-1", "b", "s", "i", "r", "e", NOW, Duration.ofMinutes(1));
        assertThat(OrphanPolicy.isOrphan(stray, Optional.of(creating))).isFalse();
    }

    @Test
    void onlySnapshotsOfAMigrationWithoutOutcomeAreAbandonedByACancellation() {
        assertThat(available().abandonedByCancellation()).isTrue();
        assertThat(available().withMigrationOutcome(MigrationOutcome.FAILED, NOW).abandonedByCancellation()).isFalse();
        assertThat(available().startRollback("f", NOW).abandonedByCancellation()).isFalse();
        assertThat(available().scheduleRelease(new Release(ReleaseReason.RETENTION, NOW, "m"), NOW)
                .abandonedByCancellation()).isFalse();
    }
}
