package io.osmigration.precheck.facts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsResponse;

import io.osmigration.platform.cloud.CloudApiException;
import io.osmigration.platform.cloud.EcsGateway;
import io.osmigration.precheck.rules.CheckSubject.SnapshotState;

/** Snapshots being created on an instance's disks right now (DescribeSnapshots, Status=progressing). */
@Service
public class InstanceSnapshots {

    private static final Logger log = LoggerFactory.getLogger(InstanceSnapshots.class);

    private final EcsGateway ecs;

    public InstanceSnapshots(EcsGateway ecs) {
        this.ecs = ecs;
    }

    public SnapshotState inProgress(String instanceId, String regionId) {
        if (instanceId == null || instanceId.isBlank()) {
            return SnapshotState.NONE;
        }
        DescribeSnapshotsRequest request = new DescribeSnapshotsRequest();
        request.setSysRegionId(regionId);
        request.setInstanceId(instanceId);
        request.setStatus("progressing");
        request.setPageSize(100);
        try {
            DescribeSnapshotsResponse response = ecs.call(request);
            return new SnapshotState(response.getSnapshots().stream()
                    .filter(s -> s.getStatus() == null || "progressing".equalsIgnoreCase(s.getStatus()))
                    .map(s -> s.getSnapshotId() + " of disk " + s.getSourceDiskId() + " (" + orZero(s.getProgress()) + ")")
                    .toList(), null);
        } catch (CloudApiException e) {
            log.info("Listing snapshots of {} failed: {}", instanceId, e.getMessage());
            return new SnapshotState(java.util.List.of(), e.getMessage());
        }
    }

    private static String orZero(String progress) {
        return progress == null || progress.isBlank() ? "0%" : progress;
    }
}
