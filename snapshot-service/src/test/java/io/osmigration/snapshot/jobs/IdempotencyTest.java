package io.osmigration.snapshot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.aliyuncs.ecs.model.v20140526.CreateSnapshotRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsResponse;

import io.osmigration.events.SnapshotInfo;
import io.osmigration.events.SnapshotsCreated;
import io.osmigration.snapshot.SnapshotServiceTestBase;
import io.osmigration.snapshot.domain.SnapshotNaming;

class IdempotencyTest extends SnapshotServiceTestBase {

    private static final String INSTANCE = "i-snapidem";

    @Autowired
    private JobSnapshotsStore store;
    @Autowired
    private SnapshotWorker worker;

    @Test
    void aCrashBetweenCreateSnapshotAndRecordingItLeavesExactlyOneSnapshotPerDisk() {
        String jobId = newJobId();
        worker.stop();
        String createdBeforeTheCrash;
        try {
            publish(precheckPassed(jobId, INSTANCE));
            await().until(() -> store.find(jobId).isPresent());
            // The replica that stored the job sent CreateSnapshot for the system disk, then died before recording it.
            CreateSnapshotRequest request = new CreateSnapshotRequest();
            request.setSysRegionId(REGION);
            request.setDiskId("d-snapidem-sys");
            request.setSnapshotName(SnapshotNaming.name(jobId, "d-snapidem-sys"));
            request.setClientToken(SnapshotNaming.clientToken(jobId, "d-snapidem-sys"));
            createdBeforeTheCrash = ecs.call(request).getSnapshotId();
            assertThat(store.find(jobId).orElseThrow().disks()).allMatch(d -> d.snapshotId() == null);
        } finally {
            worker.start();
        }

        SnapshotsCreated created = await().until(() -> ENV.snapshotEvents(jobId, SnapshotsCreated.class),
                e -> !e.isEmpty()).get(0);

        assertThat(created.getSnapshots()).filteredOn(s -> s.getDiskId().equals("d-snapidem-sys"))
                .extracting(SnapshotInfo::getSnapshotId).containsExactly(createdBeforeTheCrash);
        List<DescribeSnapshotsResponse.Snapshot> inCloud = cloudSnapshots(INSTANCE).stream()
                .filter(s -> s.getSnapshotName().contains(jobId)).toList();
        assertThat(inCloud).extracting(DescribeSnapshotsResponse.Snapshot::getSourceDiskId)
                .containsExactlyInAnyOrder("d-snapidem-sys", "d-snapidem-data");
    }
}
