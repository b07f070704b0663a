package io.osmigration.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.aliyuncs.ecs.model.v20140526.CreateSnapshotGroupRequest;
import com.aliyuncs.ecs.model.v20140526.DeleteSnapshotRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeDisksRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotGroupsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotGroupsResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsResponse;
import com.aliyuncs.ecs.model.v20140526.ResetDiskRequest;
import com.aliyuncs.ecs.model.v20140526.StopInstanceRequest;
import com.aliyuncs.exceptions.ClientException;

/** CreateSnapshotGroup and DescribeSnapshotGroups through the real aliyun-java-sdk-ecs. */
class SnapshotGroupsTest {

    @TempDir
    static Path work;
    static EcsSimulatorServer server;
    static SdkSupport sdk;

    @BeforeAll
    static void start() throws Exception {
        String manyDisks = IntStream.range(0, 17).mapToObj(i -> i == 0
                ? "{\"diskId\": \"d-many-0\", \"type\": \"system\", \"sizeGiB\": 40}"
                : "{\"diskId\": \"d-many-" + i + "\", \"type\": \"data\", \"sizeGiB\": 20}")
                .collect(Collectors.joining(","));
        String fleet = "{\"accessKeyId\": \"" + Fleet.DEMO_ACCESS_KEY_ID + "\", \"accessKeySecret\": \""
                + Fleet.DEMO_ACCESS_KEY_SECRET + "\", \"instances\": ["
                + "{\"instanceId\": \"i-grp\", \"disks\": [{\"diskId\": \"d-grp-sys\", \"type\": \"system\", \"sizeGiB\": 40},"
                + " {\"diskId\": \"d-grp-data\", \"type\": \"data\", \"sizeGiB\": 100, \"category\": \"cloud_auto\"}]},"
                + "{\"instanceId\": \"i-grp2\", \"disks\": [{\"diskId\": \"d-grp2-sys\", \"type\": \"system\"}]},"
                + "{\"instanceId\": \"i-old\", \"disks\": [{\"diskId\": \"d-old-sys\", \"type\": \"system\"},"
                + " {\"diskId\": \"d-old-data\", \"type\": \"data\", \"category\": \"cloud_efficiency\"}]},"
                + "{\"instanceId\": \"i-many\", \"disks\": [" + manyDisks + "]},"
                + "{\"instanceId\": \"i-grpfail\", \"faults\": {\"snapshotFails\": true}}"
                + "]}";
        Path file = work.resolve("fleet.json");
        Files.writeString(file, fleet);
        server = EcsSimulatorServer.start(0, file, work.resolve("sim"), "osm.simulator.snapshot-duration=PT0.5S",
                "osm.simulator.reboot-duration=PT0.2S");
        sdk = new SdkSupport(server.endpoint(), Fleet.DEMO_ACCESS_KEY_ID, Fleet.DEMO_ACCESS_KEY_SECRET);
    }

    @AfterAll
    static void stop() {
        sdk.close();
        server.close();
    }

    @Test
    void aGroupSnapshotsEveryDiskOfTheInstanceAtOnceAndItsSnapshotsAreOrdinarySnapshots() throws Exception {
        String groupId = sdk.call(create("i-grp", "SMC_Backup_Snapshot_j1", null)).getSnapshotGroupId();
        assertThat(groupId).startsWith("ssg-");

        DescribeSnapshotGroupsResponse.SnapshotGroup group = describe(List.of(groupId)).getSnapshotGroups().get(0);
        assertThat(group.getName()).isEqualTo("SMC_Backup_Snapshot_j1");
        assertThat(group.getInstanceId()).isEqualTo("i-grp");
        assertThat(group.getStatus()).isEqualTo("progressing");
        assertThat(group.getCreationTime()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(group.getSnapshots()).extracting(DescribeSnapshotGroupsResponse.SnapshotGroup.Snapshot::getSourceDiskId)
                .containsExactly("d-grp-sys", "d-grp-data");
        assertThat(group.getSnapshots()).extracting(DescribeSnapshotGroupsResponse.SnapshotGroup.Snapshot::getSourceDiskType)
                .containsExactly("System", "Data");
        assertThat(group.getSnapshots()).allMatch(s -> !s.getAvailable() && s.getProgress().endsWith("%"));

        await().atMost(Duration.ofSeconds(10)).until(() ->
                "accomplished".equals(describe(List.of(groupId)).getSnapshotGroups().get(0).getStatus()));
        DescribeSnapshotGroupsResponse.SnapshotGroup done = describe(List.of(groupId)).getSnapshotGroups().get(0);
        assertThat(done.getSnapshots()).allMatch(s -> s.getAvailable() && "100%".equals(s.getProgress()));

        // The members carry their source disk's id, size and type in DescribeSnapshots, as every snapshot does.
        List<String> ids = done.getSnapshots().stream()
                .map(DescribeSnapshotGroupsResponse.SnapshotGroup.Snapshot::getSnapshotId).toList();
        DescribeSnapshotsRequest byIds = new DescribeSnapshotsRequest();
        byIds.setSnapshotIds(ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]")));
        assertThat(sdk.call(byIds).getSnapshots()).extracting(DescribeSnapshotsResponse.Snapshot::getSourceDiskSize)
                .containsExactlyInAnyOrder("40", "100");

        // ResetDisk takes a member like any snapshot of the disk.
        StopInstanceRequest stop = new StopInstanceRequest();
        stop.setInstanceId("i-grp");
        sdk.call(stop);
        await().atMost(Duration.ofSeconds(5)).until(() -> sdk.instance("i-grp").getStatus().equals("Stopped"));
        ResetDiskRequest reset = new ResetDiskRequest();
        reset.setDiskId("d-grp-sys");
        reset.setSnapshotId(ids.get(0));
        sdk.call(reset);
        com.aliyuncs.ecs.model.v20140526.StartInstanceRequest start = new com.aliyuncs.ecs.model.v20140526.StartInstanceRequest();
        start.setInstanceId("i-grp");
        sdk.call(start);
        await().atMost(Duration.ofSeconds(5)).until(() -> sdk.instance("i-grp").getStatus().equals("Running"));
    }

    @Test
    void theSameClientTokenReturnsTheSameGroupAndADifferentRequestWithItIsRefused() throws Exception {
        String first = sdk.call(create("i-grp2", "SMC_Backup_Snapshot_j2", "osm-token-j2")).getSnapshotGroupId();
        String again = sdk.call(create("i-grp2", "SMC_Backup_Snapshot_j2", "osm-token-j2")).getSnapshotGroupId();

        assertThat(again).isEqualTo(first);
        assertThat(describe(List.of(first)).getSnapshotGroups().get(0).getSnapshots()).hasSize(1);
        assertThat(errorCode(() -> sdk.call(create("i-grp2", "SMC_Backup_Snapshot_other", "osm-token-j2"))))
                .isEqualTo("IdempotentParameterMismatch");
    }

    @Test
    void disksOutsideTheEssdFamilyOrMoreThanSixteenDisksAreRefusedAndNothingIsCreated() throws Exception {
        assertThat(errorCode(() -> sdk.call(create("i-old", "SMC_Backup_Snapshot_j3", null))))
                .isEqualTo("InvalidDiskCategory.NotSupported");
        assertThat(errorCode(() -> sdk.call(create("i-many", "SMC_Backup_Snapshot_j4", null))))
                .isEqualTo("InvalidParameter");

        // Excluding the disk the group cannot take makes the request acceptable.
        CreateSnapshotGroupRequest withoutOldDisk = create("i-old", "SMC_Backup_Snapshot_j5", null);
        withoutOldDisk.setExcludeDiskIds(List.of("d-old-data"));
        String groupId = sdk.call(withoutOldDisk).getSnapshotGroupId();
        assertThat(describe(List.of(groupId)).getSnapshotGroups().get(0).getSnapshots())
                .extracting(DescribeSnapshotGroupsResponse.SnapshotGroup.Snapshot::getSourceDiskId).containsExactly("d-old-sys");

        DescribeSnapshotsRequest onOld = new DescribeSnapshotsRequest();
        onOld.setInstanceId("i-many");
        assertThat(sdk.call(onOld).getSnapshots()).isEmpty();
        DescribeDisksRequest disks = new DescribeDisksRequest();
        disks.setInstanceId("i-old");
        assertThat(sdk.call(disks).getDisks()).extracting(d -> d.getCategory())
                .containsExactly("cloud_essd", "cloud_efficiency");
    }

    @Test
    void diskIdsAndExcludedDiskIdsTogetherOrDisksOfAnotherInstanceAreInvalid() throws Exception {
        CreateSnapshotGroupRequest both = create("i-grp", null, null);
        both.setDiskIds(List.of("d-grp-sys"));
        both.setExcludeDiskIds(List.of("d-grp-data"));
        assertThat(errorCode(() -> sdk.call(both))).isEqualTo("InvalidParameter");

        CreateSnapshotGroupRequest foreign = create("i-grp", null, null);
        foreign.setDiskIds(List.of("d-grp2-sys"));
        assertThat(errorCode(() -> sdk.call(foreign))).isEqualTo("InvalidParameter");

        assertThat(errorCode(() -> sdk.call(create("i-nowhere", null, null)))).isEqualTo("InvalidInstanceId.NotFound");
        assertThat(errorCode(() -> sdk.call(create("i-grp", "1-starts-with-a-digit", null)))).isEqualTo("InvalidParameter");
    }

    @Test
    void aGroupWithAFailingSnapshotEndsFailed() throws Exception {
        String groupId = sdk.call(create("i-grpfail", "SMC_Backup_Snapshot_j6", null)).getSnapshotGroupId();

        await().atMost(Duration.ofSeconds(10)).until(() ->
                "failed".equals(describe(List.of(groupId)).getSnapshotGroups().get(0).getStatus()));
        DescribeSnapshotGroupsRequest failed = new DescribeSnapshotGroupsRequest();
        failed.setStatuss(List.of("failed"));
        assertThat(sdk.call(failed).getSnapshotGroups()).extracting(DescribeSnapshotGroupsResponse.SnapshotGroup::getSnapshotGroupId)
                .contains(groupId);
        DescribeSnapshotGroupsRequest accomplished = new DescribeSnapshotGroupsRequest();
        accomplished.setStatuss(List.of("accomplished"));
        assertThat(sdk.call(accomplished).getSnapshotGroups()).extracting(DescribeSnapshotGroupsResponse.SnapshotGroup::getSnapshotGroupId)
                .doesNotContain(groupId);
    }

    @Test
    void describeSnapshotGroupsPagesWithNextTokenAndTakesAtMostTenIds() throws Exception {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(sdk.call(create("i-grp2", "SMC_Backup_Snapshot_page" + i, null)).getSnapshotGroupId());
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            DescribeSnapshotGroupsRequest page = new DescribeSnapshotGroupsRequest();
            page.setInstanceId("i-grp2");
            page.setMaxResults(2);
            page.setNextToken(token);
            DescribeSnapshotGroupsResponse response = sdk.call(page);
            assertThat(response.getSnapshotGroups()).hasSizeLessThanOrEqualTo(2);
            response.getSnapshotGroups().forEach(g -> seen.add(g.getSnapshotGroupId()));
            token = response.getNextToken();
            pages++;
        } while (token != null && !token.isEmpty());
        assertThat(seen).containsAll(created).doesNotHaveDuplicates();
        assertThat(pages).isGreaterThanOrEqualTo(3);

        DescribeSnapshotGroupsRequest eleven = new DescribeSnapshotGroupsRequest();
        eleven.setSnapshotGroupIds(IntStream.range(0, 11).mapToObj(i -> "ssg-" + i).toList());
        assertThat(errorCode(() -> sdk.call(eleven))).isEqualTo("SnapshotGroupIds.ExceedLimit");
        DescribeSnapshotGroupsRequest badToken = new DescribeSnapshotGroupsRequest();
        badToken.setNextToken("not-a-token");
        assertThat(errorCode(() -> sdk.call(badToken))).isEqualTo("InvalidParameter.NextToken");
        DescribeSnapshotGroupsRequest maxResults = new DescribeSnapshotGroupsRequest();
        maxResults.setMaxResults(101);
        assertThat(errorCode(() -> sdk.call(maxResults))).isEqualTo("InvalidParameter");
    }

    @Test
    void aGroupWhoseSnapshotsAreAllDeletedIsNoLongerListed() throws Exception {
        String groupId = sdk.call(create("i-grp2", "SMC_Backup_Snapshot_j7", null)).getSnapshotGroupId();
        String member = describe(List.of(groupId)).getSnapshotGroups().get(0).getSnapshots().get(0).getSnapshotId();

        DeleteSnapshotRequest delete = new DeleteSnapshotRequest();
        delete.setSnapshotId(member);
        delete.setForce(true);
        sdk.call(delete);

        assertThat(describe(List.of(groupId)).getSnapshotGroups()).isEmpty();
    }

    private static CreateSnapshotGroupRequest create(String instanceId, String name, String clientToken) {
        CreateSnapshotGroupRequest request = new CreateSnapshotGroupRequest();
        request.setInstanceId(instanceId);
        if (name != null) {
            request.setName(name);
        }
        if (clientToken != null) {
            // The API has taken a ClientToken since this SDK version was generated.
            request.putQueryParameter("ClientToken", clientToken);
        }
        return request;
    }

    private static DescribeSnapshotGroupsResponse describe(List<String> ids) throws ClientException {
        DescribeSnapshotGroupsRequest request = new DescribeSnapshotGroupsRequest();
        request.setSnapshotGroupIds(ids);
        return sdk.call(request);
    }

    private static String errorCode(ThrowingCall call) {
        try {
            call.run();
        } catch (ClientException e) {
            return e.getErrCode();
        }
        throw new AssertionError("the call succeeded");
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws ClientException;
    }
}
