package io.osmigration.snapshot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.aliyuncs.ecs.model.v20140526.CreateSnapshotGroupRequest;
import com.aliyuncs.ecs.model.v20140526.CreateSnapshotRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotGroupsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsResponse;

import io.osmigration.events.SnapshotInfo;
import io.osmigration.events.SnapshotsCreated;
import io.osmigration.snapshot.SnapshotServiceTestBase;
import io.osmigration.snapshot.domain.SnapshotNaming;

class IdempotencyTest extends SnapshotServiceTestBase {

    private static final String INSTANCE = "i-snapidem";
    /** Its data disk is no ESSD: its disks are snapshotted one by one. */
    private static final String LEGACY_INSTANCE = "i-snapidemold";

    @Autowired
    private JobSnapshotsStore store;
    @Autowired
    private SnapshotWorker worker;

    @Test
    void aCrashBetweenCreateSnapshotGroupAndRecordingItLeavesExactlyOneGroup() {
        String jobId = newJobId();
        worker.stop();
        String createdBeforeTheCrash;
        try {
            publish(precheckPassed(jobId, INSTANCE));
            await().until(() -> store.find(jobId).isPresent());
            // The replica that stored the job sent CreateSnapshotGroup, then died before recording the group.
            CreateSnapshotGroupRequest request = new CreateSnapshotGroupRequest();
            request.setSysRegionId(REGION);
            request.setInstanceId(INSTANCE);
            request.setName(SnapshotNaming.groupName(jobId));
            request.setDescription("Backup before an OS migration by osmigration");
            request.putQueryParameter("ClientToken", SnapshotNaming.groupClientToken(jobId));
            createdBeforeTheCrash = ecs.call(request).getSnapshotGroupId();
            assertThat(store.find(jobId).orElseThrow().snapshotGroupId()).isNull();
        } finally {
            worker.start();
        }

        SnapshotsCreated created = await().until(() -> ENV.snapshotEvents(jobId, SnapshotsCreated.class),
                e -> !e.isEmpty()).get(0);

        assertThat(store.find(jobId).orElseThrow().snapshotGroupId()).isEqualTo(createdBeforeTheCrash);
        DescribeSnapshotGroupsRequest groups = new DescribeSnapshotGroupsRequest();
        groups.setSysRegionId(REGION);
        groups.setInstanceId(INSTANCE);
        groups.setName(SnapshotNaming.groupName(jobId));
        assertThat(ecs.call(groups).getSnapshotGroups()).extracting(g -> g.getSnapshotGroupId())
                .containsExactly(createdBeforeTheCrash);
        List<DescribeSnapshotsResponse.Snapshot> inCloud = jobCloudSnapshots(INSTANCE, jobId);
        assertThat(inCloud).extracting(DescribeSnapshotsResponse.Snapshot::getSourceDiskId)
                .containsExactlyInAnyOrder("d-snapidem-sys", "d-snapidem-data");
        assertThat(created.getSnapshots()).extracting(SnapshotInfo::getSnapshotId).containsExactlyInAnyOrderElementsOf(
                inCloud.stream().map(DescribeSnapshotsResponse.Snapshot::getSnapshotId).toList());
    }

    @Test
    void aCrashBetweenCreateSnapshotAndRecordingItLeavesExactlyOneSnapshotPerDisk() {
        String jobId = newJobId();
        worker.stop();
        String createdBeforeTheCrash;
        try {
            publish(precheckPassed(jobId, LEGACY_INSTANCE));
            await().until(() -> store.find(jobId).isPresent());
            // The replica that stored the job sent CreateSnapshot for the system disk, then died before recording it.
            CreateSnapshotRequest request = new CreateSnapshotRequest();
            request.setSysRegionId(REGION);
            request.setDiskId("d-snapidemold-sys");
            request.setSnapshotName(SnapshotNaming.name(jobId, "d-snapidemold-sys"));
            request.setClientToken(SnapshotNaming.clientToken(jobId, "d-snapidemold-sys"));
            createdBeforeTheCrash = ecs.call(request).getSnapshotId();
            assertThat(store.find(jobId).orElseThrow().disks()).allMatch(d -> d.snapshotId() == null);
        } finally {
            worker.start();
        }

        SnapshotsCreated created = await().until(() -> ENV.snapshotEvents(jobId, SnapshotsCreated.class),
                e -> !e.isEmpty()).get(0);

        assertThat(created.getSnapshots()).filteredOn(s -> s.getDiskId().equals("d-snapidemold-sys"))
                .extracting(SnapshotInfo::getSnapshotId).containsExactly(createdBeforeTheCrash);
        assertThat(jobCloudSnapshots(LEGACY_INSTANCE, jobId)).extracting(DescribeSnapshotsResponse.Snapshot::getSourceDiskId)
                .containsExactlyInAnyOrder("d-snapidemold-sys", "d-snapidemold-data");
    }
}
