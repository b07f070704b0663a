package io.osmigration.snapshot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.aliyuncs.ecs.model.v20140526.CreateSnapshotRequest;

import io.osmigration.events.SnapshotCreationFailed;
import io.osmigration.events.SnapshotsCreated;
import io.osmigration.snapshot.SnapshotServiceTestBase;
import io.osmigration.snapshot.domain.CostModel;
import io.osmigration.snapshot.domain.DiskInfo;
import io.osmigration.snapshot.domain.JobSnapshots;
import io.osmigration.snapshot.domain.SnapshotNaming;

class CreationDeadlineTest extends SnapshotServiceTestBase {

    private static final String INSTANCE = "i-snapapi";

    @Autowired
    private JobSnapshotsStore store;
    @Autowired
    private SnapshotWorker worker;

    @Test
    void snapshotsNotAccomplishedByTheDeadlineAreDeletedAndTheFailureReported() {
        String jobId = newJobId();
        Instant now = Instant.now();
        worker.stop();
        try {
            CreateSnapshotRequest request = new CreateSnapshotRequest();
            request.setSysRegionId(REGION);
            request.setDiskId("d-snapapi-sys");
            request.setSnapshotName(SnapshotNaming.name(jobId, "d-snapapi-sys"));
            request.setClientToken(SnapshotNaming.clientToken(jobId, "d-snapapi-sys"));
            String started = ecs.call(request).getSnapshotId();
            // A job whose deadline passed while one snapshot was still being made and the other not yet asked for.
            JobSnapshots late = JobSnapshots.start(jobId, "b-test", sourceIdOf(INSTANCE), INSTANCE, REGION, "e-1",
                            now.minus(Duration.ofMinutes(31)), Duration.ofMinutes(30))
                    .withDisks(List.of(new DiskInfo("d-snapapi-sys", "system", 40),
                            new DiskInfo("d-snapapi-data", "data", 100)), new CostModel(0.3, "CNY"), now)
                    .withSnapshotId("d-snapapi-sys", started, now);
            assertThat(store.insert(late, List.of())).isTrue();
        } finally {
            worker.start();
        }

        SnapshotCreationFailed failed = await().until(() -> ENV.snapshotEvents(jobId, SnapshotCreationFailed.class),
                e -> !e.isEmpty()).get(0);

        assertThat(failed.getReason()).contains("not accomplished within");
        assertThat(ENV.snapshotEvents(jobId, SnapshotsCreated.class)).isEmpty();
        assertThat(jobCloudSnapshots(INSTANCE, jobId)).isEmpty();
        assertThat(get("/api/v1/snapshots?jobId=" + jobId).body()).contains("\"status\":\"FAILED\"")
                .doesNotContain("AVAILABLE");
    }
}
