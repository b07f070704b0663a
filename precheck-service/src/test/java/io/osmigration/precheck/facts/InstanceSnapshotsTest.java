package io.osmigration.precheck.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.aliyuncs.ecs.model.v20140526.CreateSnapshotRequest;

import io.osmigration.platform.cloud.EcsGateway;
import io.osmigration.precheck.IntegrationTestBase;
import io.osmigration.precheck.rules.CheckSubject.SnapshotState;
import io.osmigration.simulator.ApiCall;

/**
 * Snapshots in progress for many instances in few calls: the region's progressing snapshots listed once and their
 * disks' instances read together, against the simulator (snapshots stay progressing for minutes there).
 */
class InstanceSnapshotsTest extends IntegrationTestBase {

    private static final String WITH_SNAPSHOT = "i-bp1demo000000000022";
    private static final List<String> WITHOUT = List.of("i-bp1demo000000000001", "i-bp1demo000000000021",
            "i-bp1demo000000000020");

    @Autowired
    private InstanceSnapshots snapshots;
    @Autowired
    private EcsGateway ecs;

    @Test
    void manyInstancesAreServedByOneListingAndOneDiskRead() {
        CreateSnapshotRequest snapshot = new CreateSnapshotRequest();
        snapshot.setDiskId("d-bp1demo000000000221");
        snapshot.setSysRegionId("cn-hangzhou");
        snapshot.setSnapshotName("backup-before-the-listing");
        String snapshotId = ecs.call(snapshot).getSnapshotId();
        Instant since = Instant.now();

        List<String> instances = new java.util.ArrayList<>(WITHOUT);
        instances.add(1, WITH_SNAPSHOT);
        Map<String, SnapshotState> states = snapshots.inProgress("cn-hangzhou", instances);

        assertThat(states).containsOnlyKeys(instances);
        assertThat(states.get(WITH_SNAPSHOT).inProgress()).anySatisfy(line ->
                assertThat(line).startsWith(snapshotId + " of disk d-bp1demo000000000221 ("));
        assertThat(states.get(WITH_SNAPSHOT).unknownReason()).isNull();
        WITHOUT.forEach(id -> assertThat(states.get(id).inProgress()).as(id).isEmpty());
        List<ApiCall> calls = callsSince(since);
        assertThat(calls).extracting(ApiCall::action).containsExactly("DescribeSnapshots", "DescribeDisks");
        assertThat(calls.get(0).params()).containsEntry("Status", "progressing").doesNotContainKey("InstanceId");
    }

    @Test
    void oneInstanceIsAskedForByItsId() {
        Instant since = Instant.now();

        SnapshotState none = snapshots.inProgress("i-bp1demo000000000001", "cn-hangzhou");

        assertThat(none.inProgress()).isEmpty();
        assertThat(callsSince(since)).singleElement().satisfies(call -> {
            assertThat(call.action()).isEqualTo("DescribeSnapshots");
            assertThat(call.params()).containsEntry("InstanceId", "i-bp1demo000000000001")
                    .containsEntry("Status", "progressing");
        });
    }

    private static List<ApiCall> callsSince(Instant since) {
        return simulator().engine().calls().stream().filter(call -> !call.time().isBefore(since))
                .filter(call -> call.action().equals("DescribeSnapshots") || call.action().equals("DescribeDisks"))
                .toList();
    }
}
