package io.osmigration.snapshot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotGroupsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsResponse;

import io.osmigration.events.PrecheckPassed;
import io.osmigration.events.SnapshotCreationFailed;
import io.osmigration.events.SnapshotInfo;
import io.osmigration.events.SnapshotsCreated;
import io.osmigration.snapshot.SnapshotServiceTestBase;
import io.osmigration.snapshot.domain.JobSnapshots;

class SnapshotCreationTest extends SnapshotServiceTestBase {

    @Autowired
    private JobSnapshotsStore store;

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
        // One snapshot-consistent group of both disks; its snapshots go by the group's name.
        assertThat(created.getSnapshots()).extracting(SnapshotInfo::getSnapshotName)
                .containsOnly("SMC_Backup_Snapshot_" + jobId);
        assertThat(ENV.ecs().calls("CreateSnapshotGroup", "i-snapweb")).filteredOn(call ->
                ("SMC_Backup_Snapshot_" + jobId).equals(call.params().get("Name"))).hasSize(1);
        assertThat(ENV.ecs().calls("DescribeDisks", "i-snapweb")).isEmpty();
        assertThat(ENV.ecs().calls("CreateSnapshot", "i-snapweb")).isEmpty();
        assertThat(store.find(jobId).orElseThrow().snapshotGroupId()).startsWith("ssg-");
        // 0.3 per GiB-month / 30 days: 40 GiB → 0.4 a day, 100 GiB → 1.0 a day.
        assertThat(created.getSnapshots()).extracting(SnapshotInfo::getSizeGiB).containsExactlyInAnyOrder(40, 100);
        assertThat(created.getSnapshots()).extracting(SnapshotInfo::getEstimatedDailyCost)
                .containsExactlyInAnyOrder(0.4, 1.0);
        assertThat(created.getEstimatedDailyCost()).isEqualTo(1.4);

        List<DescribeSnapshotsResponse.Snapshot> inCloud = jobCloudSnapshots("i-snapweb", jobId).stream().toList();
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
        assertThat(jobCloudSnapshots("i-snapfail", jobId)).isEmpty();
    }

    @Test
    void theSamePrecheckPassedTwiceOrASecondOneForTheJobCreatesOneSnapshotPerDisk() {
        String jobId = newJobId();
        PrecheckPassed precheck = precheckPassed(jobId, "i-snapdup");

        publish(precheck);
        publish(precheck);
        publish(precheckPassed(jobId, "i-snapdup"));

        await().until(() -> ENV.snapshotEvents(jobId, SnapshotsCreated.class), events -> !events.isEmpty());
        assertThat(jobCloudSnapshots("i-snapdup", jobId).stream())
                .extracting(DescribeSnapshotsResponse.Snapshot::getSourceDiskId)
                .containsExactlyInAnyOrder("d-snapdup-sys", "d-snapdup-data");
        DescribeSnapshotGroupsRequest groups = new DescribeSnapshotGroupsRequest();
        groups.setSysRegionId(REGION);
        groups.setInstanceId("i-snapdup");
        groups.setName("SMC_Backup_Snapshot_" + jobId);
        assertThat(ecs.call(groups).getSnapshotGroups()).hasSize(1);
        assertThat(ENV.ecs().calls("CreateSnapshot", "i-snapdup")).isEmpty();
    }

    @Test
    void anInstanceTheCloudDoesNotKnowEndsInSnapshotCreationFailed() {
        String jobId = newJobId();

        publish(precheckPassed(jobId, "i-doesnotexist"));

        SnapshotCreationFailed failed = await().until(() -> ENV.snapshotEvents(jobId, SnapshotCreationFailed.class),
                events -> !events.isEmpty()).get(0);
        assertThat(failed.getReason()).contains("i-doesnotexist");
        assertThat(ENV.ecs().calls("CreateSnapshot", "i-doesnotexist")).isEmpty();
        assertThat(store.find(jobId).orElseThrow().groupRefusal()).isNull();
    }

    @Test
    void disksASnapshotGroupCannotTakeGetASnapshotEachAndTheRefusalIsRecorded() {
        String jobId = newJobId();

        publish(precheckPassed(jobId, "i-snaplegacy"));

        SnapshotsCreated created = await().until(() -> ENV.snapshotEvents(jobId, SnapshotsCreated.class),
                events -> !events.isEmpty()).get(0);
        assertThat(created.getSnapshots()).extracting(SnapshotInfo::getSnapshotName).containsExactlyInAnyOrder(
                "SMC_Backup_Snapshot_" + jobId + "_d-snaplegacy-sys", "SMC_Backup_Snapshot_" + jobId
                        + "_d-snaplegacy-data");
        assertThat(created.getSnapshots()).extracting(SnapshotInfo::getSizeGiB).containsExactlyInAnyOrder(40, 100);
        assertThat(ENV.ecs().calls("CreateSnapshotGroup", "i-snaplegacy")).filteredOn(call ->
                ("SMC_Backup_Snapshot_" + jobId).equals(call.params().get("Name")))
                .extracting(call -> call.errorCode()).containsExactly("InvalidDiskCategory.NotSupported");
        assertThat(ENV.ecs().calls("CreateSnapshot", "i-snaplegacy")).filteredOn(call ->
                call.params().getOrDefault("SnapshotName", "").contains(jobId) && call.errorCode() == null).hasSize(2);
        JobSnapshots job = store.find(jobId).orElseThrow();
        assertThat(job.snapshotGroupId()).isNull();
        assertThat(job.groupRefusal()).contains("InvalidDiskCategory.NotSupported");
        assertThat(get("/api/v1/snapshots/jobs/" + jobId).body()).contains("\"snapshotGroupId\":null")
                .contains("\"groupRefusal\":\"InvalidDiskCategory.NotSupported");
        assertThat(jobCloudSnapshots("i-snaplegacy", jobId)).hasSize(2)
                .allMatch(s -> "accomplished".equals(s.getStatus()));
    }
}
