package io.osmigration.snapshot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsResponse;

import io.osmigration.events.PrecheckPassed;
import io.osmigration.events.SnapshotCreationFailed;
import io.osmigration.events.SnapshotInfo;
import io.osmigration.events.SnapshotsCreated;
import io.osmigration.snapshot.SnapshotServiceTestBase;

class SnapshotCreationTest extends SnapshotServiceTestBase {

    @Test
    void precheckPassedSnapshotsEveryDiskAndReportsThemWithTheirCost() {
        String jobId = newJobId();
        PrecheckPassed precheck = precheckPassed(jobId, "i-snapweb");

        publish(precheck);

        SnapshotsCreated created = await().until(() -> ENV.snapshotEvents(jobId, SnapshotsCreated.class),
                events -> !events.isEmpty()).get(0);
        assertThat(created.getHeader().getJobId()).isEqualTo(jobId);
        assertThat(created.getHeader().getBatchId()).isEqualTo("b-test");
        assertThat(created.getHeader().getCausationId()).isEqualTo(precheck.getHeader().getEventId());
        assertThat(created.getSourceId()).isEqualTo(precheck.getSourceId());
        assertThat(created.getInstanceId()).isEqualTo("i-snapweb");
        assertThat(created.getRegionId()).isEqualTo(REGION);
        assertThat(created.getSnapshots()).extracting(SnapshotInfo::getDiskId)
                .containsExactlyInAnyOrder("d-snapweb-sys", "d-snapweb-data");
        assertThat(created.getSnapshots()).extracting(SnapshotInfo::getSnapshotName).containsExactlyInAnyOrder(
                "SMC_Backup_Snapshot_" + jobId + "_d-snapweb-sys", "SMC_Backup_Snapshot_" + jobId + "_d-snapweb-data");
        // 0.3 per GiB-month / 30 days: 40 GiB → 0.4 a day, 100 GiB → 1.0 a day.
        assertThat(created.getSnapshots()).extracting(SnapshotInfo::getSizeGiB).containsExactlyInAnyOrder(40, 100);
        assertThat(created.getSnapshots()).extracting(SnapshotInfo::getEstimatedDailyCost)
                .containsExactlyInAnyOrder(0.4, 1.0);
        assertThat(created.getEstimatedDailyCost()).isEqualTo(1.4);

        List<DescribeSnapshotsResponse.Snapshot> inCloud = cloudSnapshots("i-snapweb").stream()
                .filter(s -> s.getSnapshotName().contains(jobId)).toList();
        assertThat(inCloud).hasSize(2).allMatch(s -> "accomplished".equals(s.getStatus()));
        assertThat(inCloud).extracting(DescribeSnapshotsResponse.Snapshot::getSnapshotId)
                .containsExactlyInAnyOrderElementsOf(created.getSnapshots().stream()
                        .map(SnapshotInfo::getSnapshotId).toList());
        assertThat(created.getHeader().getEventId()).isNotEqualTo(precheck.getHeader().getEventId());
    }

    @Test
    void aFailingSnapshotEndsInSnapshotCreationFailedWithNothingLeftBehind() {
        String jobId = newJobId();

        publish(precheckPassed(jobId, "i-snapfail"));

        SnapshotCreationFailed failed = await().until(() -> ENV.snapshotEvents(jobId, SnapshotCreationFailed.class),
                events -> !events.isEmpty()).get(0);
        assertThat(failed.getReason()).contains("failed");
        assertThat(failed.getInstanceId()).isEqualTo("i-snapfail");
        assertThat(ENV.snapshotEvents(jobId, SnapshotsCreated.class)).isEmpty();
        assertThat(cloudSnapshots("i-snapfail")).noneMatch(s -> s.getSnapshotName().contains(jobId));
    }

    @Test
    void theSamePrecheckPassedTwiceOrASecondOneForTheJobCreatesOneSnapshotPerDisk() {
        String jobId = newJobId();
        PrecheckPassed precheck = precheckPassed(jobId, "i-snapdup");

        publish(precheck);
        publish(precheck);
        publish(precheckPassed(jobId, "i-snapdup"));

        await().until(() -> ENV.snapshotEvents(jobId, SnapshotsCreated.class), events -> !events.isEmpty());
        assertThat(cloudSnapshots("i-snapdup").stream().filter(s -> s.getSnapshotName().contains(jobId)))
                .extracting(DescribeSnapshotsResponse.Snapshot::getSourceDiskId)
                .containsExactlyInAnyOrder("d-snapdup-sys", "d-snapdup-data");
        assertThat(ENV.ecs().calls("CreateSnapshot", "i-snapdup").stream()
                .filter(call -> call.params().getOrDefault("SnapshotName", "").contains(jobId))
                .filter(call -> call.errorCode() == null)).hasSize(2);
    }

    @Test
    void anInstanceTheCloudDoesNotKnowEndsInSnapshotCreationFailed() {
        String jobId = newJobId();

        publish(precheckPassed(jobId, "i-doesnotexist"));

        SnapshotCreationFailed failed = await().until(() -> ENV.snapshotEvents(jobId, SnapshotCreationFailed.class),
                events -> !events.isEmpty()).get(0);
        assertThat(failed.getReason()).contains("i-doesnotexist");
        assertThat(ENV.ecs().calls("CreateSnapshot", "i-doesnotexist")).isEmpty();
    }
}
