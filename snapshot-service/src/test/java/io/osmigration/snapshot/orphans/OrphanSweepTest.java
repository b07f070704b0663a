package io.osmigration.snapshot.orphans;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.aliyuncs.ecs.model.v20140526.CreateSnapshotGroupRequest;
import com.aliyuncs.ecs.model.v20140526.CreateSnapshotRequest;

import io.osmigration.events.BatchCancelled;
import io.osmigration.events.MigrationControlRequested;
import io.osmigration.events.SnapshotReleased;
import io.osmigration.events.SnapshotsCreated;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.snapshot.SnapshotServiceTestBase;
import io.osmigration.snapshot.domain.SnapshotNaming;

class OrphanSweepTest extends SnapshotServiceTestBase {

    private static final String INSTANCE = "i-snaporphan";

    private String createSnapshot(String name) {
        CreateSnapshotRequest request = new CreateSnapshotRequest();
        request.setSysRegionId(REGION);
        request.setDiskId("d-snaporphan-sys");
        request.setSnapshotName(name);
        return ecs.call(request).getSnapshotId();
    }

    @Test
    void aBackupSnapshotNoLiveJobOwnsIsReleasedAfterTheRetentionAndReported() {
        String jobId = newJobId();
        publish(precheckPassed(jobId, INSTANCE));
        SnapshotsCreated created = await().until(() -> ENV.snapshotEvents(jobId, SnapshotsCreated.class),
                e -> !e.isEmpty()).get(0);
        // Left behind by a job that was cancelled mid-way (this service never recorded it).
        String abandonedJob = newJobId();
        String orphanId = createSnapshot("SMC_Backup_Snapshot_" + abandonedJob + "_d-snaporphan-sys");
        String someoneElses = createSnapshot("nightly-backup");

        SnapshotReleased released = await().until(() -> ENV.snapshotEvents(abandonedJob, SnapshotReleased.class),
                e -> !e.isEmpty()).get(0);

        assertThat(released.getReason()).isEqualTo("ORPHAN");
        assertThat(released.getSnapshots()).hasSize(1);
        assertThat(released.getSnapshots().get(0).getSnapshotId()).isEqualTo(orphanId);
        assertThat(released.getSnapshots().get(0).getSizeGiB()).isEqualTo(40);
        assertThat(released.getSavedDailyCost()).isEqualTo(0.4);
        assertThat(released.getInstanceId()).isEqualTo(INSTANCE);
        assertThat(cloudSnapshots(INSTANCE)).extracting(s -> s.getSnapshotId())
                .doesNotContain(orphanId)
                .contains(someoneElses)
                .containsAll(created.getSnapshots().stream().map(s -> s.getSnapshotId()).toList());
        assertThat(ENV.snapshotEvents(jobId, SnapshotReleased.class)).isEmpty();
        assertThat(get("/api/v1/snapshots/orphans").body()).contains("\"snapshotId\":\"" + orphanId + "\"")
                .contains("\"status\":\"RELEASED\"").doesNotContain(someoneElses);
    }

    @Test
    void theSnapshotGroupOfAJobThisServiceNeverRecordedIsReleasedSnapshotBySnapshot() {
        String jobId = newJobId();
        publish(precheckPassed(jobId, INSTANCE));
        SnapshotsCreated created = await().until(() -> ENV.snapshotEvents(jobId, SnapshotsCreated.class),
                e -> !e.isEmpty()).get(0);
        // A replica sent CreateSnapshotGroup for a job whose document was then lost.
        String abandonedJob = newJobId();
        CreateSnapshotGroupRequest request = new CreateSnapshotGroupRequest();
        request.setSysRegionId(REGION);
        request.setInstanceId(INSTANCE);
        request.setName(SnapshotNaming.groupName(abandonedJob));
        ecs.call(request);

        List<SnapshotReleased> released = await().until(() -> ENV.snapshotEvents(abandonedJob, SnapshotReleased.class),
                e -> e.size() == 2);

        assertThat(released).allMatch(r -> "ORPHAN".equals(r.getReason()));
        assertThat(released).flatExtracting(SnapshotReleased::getSnapshots).extracting(s -> s.getSizeGiB())
                .containsExactlyInAnyOrder(40, 100);
        assertThat(jobCloudSnapshots(INSTANCE, abandonedJob)).isEmpty();
        assertThat(cloudSnapshots(INSTANCE)).extracting(s -> s.getSnapshotId())
                .containsAll(created.getSnapshots().stream().map(s -> s.getSnapshotId()).toList());
        assertThat(ENV.snapshotEvents(jobId, SnapshotReleased.class)).isEmpty();
    }

    @Test
    void theSnapshotsOfACancelledBatchHaveNoLiveJobAndAreReleasedAfterTheRetention() {
        String batchId = "b-cancel-" + newJobId();
        String jobId = newJobId();
        publish(precheckPassed(batchId, jobId, "i-snapweb"));
        SnapshotsCreated created = await().until(() -> ENV.snapshotEvents(jobId, SnapshotsCreated.class),
                e -> !e.isEmpty()).get(0);

        publish(MigrationControlRequested.newBuilder()
                .setHeader(EventHeaders.random("migration-executor", batchId, null, null, Instant.now()))
                .setBatchId(batchId)
                .setAction("CANCEL")
                .setReason("operator cancelled the batch")
                .build());

        assertReleasedAsOrphans(jobId, created);
    }

    @Test
    void theExecutorsBatchCancelledReleasesTheSnapshotsOfTheBatchAfterTheRetentionToo() {
        String batchId = "b-cancel-" + newJobId();
        String jobId = newJobId();
        publish(precheckPassed(batchId, jobId, "i-snapweb"));
        SnapshotsCreated created = await().until(() -> ENV.snapshotEvents(jobId, SnapshotsCreated.class),
                e -> !e.isEmpty()).get(0);

        publisher.publish(batchId, BatchCancelled.newBuilder()
                .setHeader(EventHeaders.random("migration-executor", batchId, null, null, Instant.now()))
                .setBatchId(batchId).setBy("ops-token").setReason("change freeze").build()).join();

        assertReleasedAsOrphans(jobId, created);
    }

    private void assertReleasedAsOrphans(String jobId, SnapshotsCreated created) {
        SnapshotReleased released = await().until(() -> ENV.snapshotEvents(jobId, SnapshotReleased.class),
                e -> !e.isEmpty()).get(0);
        assertThat(released.getReason()).isEqualTo("ORPHAN");
        assertThat(released.getSnapshots()).hasSameSizeAs(created.getSnapshots());
        assertThat(jobCloudSnapshots("i-snapweb", jobId)).isEmpty();
    }
}
