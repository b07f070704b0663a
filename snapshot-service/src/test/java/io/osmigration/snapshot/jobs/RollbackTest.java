package io.osmigration.snapshot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesResponse;
import com.aliyuncs.ecs.model.v20140526.RunCommandRequest;

import io.osmigration.events.DisksRolledBack;
import io.osmigration.events.MigrationFailed;
import io.osmigration.events.SnapshotReleased;
import io.osmigration.events.SnapshotsCreated;
import io.osmigration.platform.idempotency.ProcessedEvents;
import io.osmigration.snapshot.SnapshotServiceTestBase;
import io.osmigration.simulator.ApiCall;

class RollbackTest extends SnapshotServiceTestBase {

    private static final String INSTANCE = "i-snaproll";

    @Autowired
    private ProcessedEvents processedEvents;

    private DescribeInstancesResponse.Instance instance() {
        DescribeInstancesRequest request = new DescribeInstancesRequest();
        request.setSysRegionId(REGION);
        request.setInstanceIds("[\"" + INSTANCE + "\"]");
        return ecs.call(request).getInstances().get(0);
    }

    private void upgradeTheOs() {
        RunCommandRequest request = new RunCommandRequest();
        request.setSysRegionId(REGION);
        request.setType("RunShellScript");
        // What a half-done conversion leaves on the system disk: another os-release. (The migration tools themselves
        // must be installed first and run for minutes; this test is about the disks going back.)
        request.setCommandContent("printf 'NAME=\"Anolis OS\"\\nID=\"anolis\"\\nVERSION_ID=\"8.8\"\\n"
                + "PRETTY_NAME=\"Anolis OS 8.8\"\\n' > \"${OSM_ROOT:-}/etc/os-release\"");
        request.setInstanceIds(List.of(INSTANCE));
        ecs.call(request);
    }

    @Test
    void aFailedMigrationIsRolledBackToTheSnapshotsAndTheOldOsRunsAgain() {
        String oldOs = instance().getOSName();
        assertThat(oldOs).contains("CentOS");
        String jobId = newJobId();
        publish(precheckPassed(jobId, INSTANCE));
        SnapshotsCreated created = await().until(() -> ENV.snapshotEvents(jobId, SnapshotsCreated.class),
                e -> !e.isEmpty()).get(0);
        upgradeTheOs();
        await().until(() -> instance().getOSName(), os -> os.contains("Anolis OS"));
        ENV.ecs().clearCalls();
        MigrationFailed failed = migrationFailed(jobId, INSTANCE, true);

        publish(failed);

        DisksRolledBack rolledBack = await().until(() -> ENV.snapshotEvents(jobId, DisksRolledBack.class),
                e -> !e.isEmpty()).get(0);
        assertThat(rolledBack.getHeader().getCausationId()).isEqualTo(failed.getHeader().getEventId());
        assertThat(rolledBack.getRestoredOs()).isEqualTo(oldOs);
        assertThat(rolledBack.getSnapshots()).hasSize(2);
        assertThat(instance().getOSName()).isEqualTo(oldOs);
        assertThat(instance().getStatus()).isEqualTo("Running");
        List<String> actions = ENV.ecs().calls(null, INSTANCE).stream().filter(c -> c.errorCode() == null)
                .map(ApiCall::action).filter(a -> !a.startsWith("Describe")).toList();
        assertThat(actions).containsExactly("StopInstance", "ResetDisk", "ResetDisk", "StartInstance");
        // The snapshots stay until an operator releases them.
        assertThat(jobCloudSnapshots(INSTANCE, jobId).stream()).hasSize(2);
        assertThat(get("/api/v1/snapshots?jobId=" + jobId).body()).contains("\"status\":\"AVAILABLE\"");
        assertThat(created.getSnapshots()).hasSize(2);

        assertThat(post("/api/v1/snapshots/jobs/" + jobId + ":release", TOKEN).statusCode()).isEqualTo(202);
        await().until(() -> ENV.snapshotEvents(jobId, SnapshotReleased.class), e -> !e.isEmpty());
        assertThat(jobCloudSnapshots(INSTANCE, jobId).stream()).isEmpty();
    }

    @Test
    void aFailureThatDidNotTouchTheInstanceKeepsTheSnapshotsAndRollsNothingBack() {
        String jobId = newJobId();
        publish(precheckPassed(jobId, "i-snapweb"));
        await().until(() -> ENV.snapshotEvents(jobId, SnapshotsCreated.class), e -> !e.isEmpty());
        MigrationFailed failed = migrationFailed(jobId, "i-snapweb", false);

        publish(failed);

        await().until(() -> processedEvents.isProcessed("snapshot-service", failed.getHeader().getEventId()));
        assertThat(ENV.snapshotEvents(jobId, DisksRolledBack.class)).isEmpty();
        assertThat(ENV.ecs().calls("StopInstance", "i-snapweb")).isEmpty();
        assertThat(jobCloudSnapshots("i-snapweb", jobId).stream()).hasSize(2);
    }
}
