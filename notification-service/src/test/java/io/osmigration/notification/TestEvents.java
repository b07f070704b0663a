package io.osmigration.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.osmigration.events.DrillCompleted;
import io.osmigration.events.EventHeader;
import io.osmigration.events.Finding;
import io.osmigration.events.MigrationCompleted;
import io.osmigration.events.MigrationFailed;
import io.osmigration.events.MigrationRequested;
import io.osmigration.events.MigrationTarget;
import io.osmigration.events.PrecheckFailed;
import io.osmigration.events.SnapshotInfo;
import io.osmigration.events.SnapshotReleased;
import io.osmigration.events.SnapshotsCreated;

/** Catalog events as the other services would publish them. */
final class TestEvents {

    private TestEvents() {
    }

    static EventHeader header(String producer, String batchId, String jobId, Instant at) {
        return EventHeader.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at)
                .setProducer(producer).setBatchId(batchId).setJobId(jobId).setCausationId(null).build();
    }

    static EventHeader header(String producer, String batchId, String jobId) {
        return header(producer, batchId, jobId, Instant.now());
    }

    static MigrationCompleted completed(String batchId, String jobId, String sourceId, String instanceId) {
        return MigrationCompleted.newBuilder().setHeader(header("migration-executor", batchId, jobId))
                .setSourceId(sourceId).setInstanceId(instanceId).setDestinationOs("alinux3")
                .setResultingOs("Alibaba Cloud Linux 3").build();
    }

    static MigrationFailed failed(String batchId, String jobId, String sourceId, String step, String reason) {
        return MigrationFailed.newBuilder().setHeader(header("migration-executor", batchId, jobId))
                .setSourceId(sourceId).setInstanceId("i-" + sourceId).setRegionId("cn-hangzhou")
                .setDestinationOs("alinux3").setStep(step).setReason(reason).setRollbackRequired(false).build();
    }

    static PrecheckFailed precheckFailed(String batchId, String jobId, String sourceId, String code, String title,
                                         String hint, String command) {
        Finding finding = Finding.newBuilder().setCode(code).setSeverity("CRITICAL").setTitle(title)
                .setDetail("found on " + sourceId).setRemediationHint(hint).setRemediationCommand(command).build();
        Finding warning = Finding.newBuilder().setCode("EPEL_MODULAR").setSeverity("WARNING")
                .setTitle("epel-modular packages cannot be installed after migration").setDetail("")
                .setRemediationHint(null).setRemediationCommand(null).build();
        return PrecheckFailed.newBuilder().setHeader(header("precheck-service", batchId, jobId))
                .setPrecheckId("p-" + jobId).setSourceId(sourceId).setInstanceId("i-" + sourceId)
                .setRegionId("cn-hangzhou").setDestinationOs("alinux3").setSourceOs("centos 7").setArch("x86_64")
                .setFindings(List.of(finding, warning)).build();
    }

    static DrillCompleted drill(String batchId, String jobId, String sourceId, boolean critical) {
        Finding item = Finding.newBuilder().setCode("KERNEL_MODULE_UNSUPPORTED").setSeverity(critical ? "CRITICAL" : "INFO")
                .setTitle("Kernel module nvidia is not available on the destination").setDetail("")
                .setRemediationHint("Unload and remove the out-of-tree module").setRemediationCommand("modprobe -r nvidia")
                .build();
        return DrillCompleted.newBuilder().setHeader(header("migration-executor", batchId, jobId))
                .setSourceId(sourceId).setInstanceId("i-" + sourceId).setDestinationOs("alinux3")
                .setItems(List.of(item)).setCritical(critical).build();
    }

    static MigrationRequested released(String batchId, String jobId, String sourceId, String drillMode) {
        MigrationTarget target = MigrationTarget.newBuilder().setSourceId(sourceId).setJobId(jobId)
                .setInstanceId("i-" + sourceId).setRegionId("cn-hangzhou").setDestinationOs("alinux3").build();
        return MigrationRequested.newBuilder().setHeader(header("migration-executor", batchId, jobId))
                .setRequestId("r-" + batchId).setDrillMode(drillMode).setDestinationOs("alinux3")
                .setAcknowledgeRisks(true).setTargets(List.of(target)).build();
    }

    static MigrationRequested submitted(String batchId, List<String> sourceIds) {
        List<MigrationTarget> targets = sourceIds.stream().map(id -> MigrationTarget.newBuilder().setSourceId(id)
                .build()).toList();
        return MigrationRequested.newBuilder().setHeader(header("test", batchId, null))
                .setRequestId("r-" + batchId).setDrillMode("NONE").setDestinationOs("alinux3")
                .setAcknowledgeRisks(true).setTargets(targets).build();
    }

    static SnapshotsCreated snapshotsCreated(String batchId, String jobId, String sourceId, Instant at,
                                             double dailyCost) {
        SnapshotInfo system = SnapshotInfo.newBuilder().setSnapshotId("snap-" + jobId + "-1")
                .setSnapshotName("SMC_Backup_Snapshot_" + jobId + "_1").setDiskId("d-" + sourceId + "-1")
                .setDiskType("system").setSizeGiB(40).setEstimatedDailyCost(dailyCost / 2).build();
        SnapshotInfo data = SnapshotInfo.newBuilder().setSnapshotId("snap-" + jobId + "-2")
                .setSnapshotName("SMC_Backup_Snapshot_" + jobId + "_2").setDiskId("d-" + sourceId + "-2")
                .setDiskType("data").setSizeGiB(100).setEstimatedDailyCost(dailyCost / 2).build();
        return SnapshotsCreated.newBuilder().setHeader(header("snapshot-service", batchId, jobId, at))
                .setSourceId(sourceId).setInstanceId("i-" + sourceId).setRegionId("cn-hangzhou")
                .setSnapshots(List.of(system, data)).setEstimatedDailyCost(dailyCost).build();
    }

    static SnapshotReleased snapshotReleased(String batchId, String jobId, String sourceId, double savedDailyCost) {
        return SnapshotReleased.newBuilder().setHeader(header("snapshot-service", batchId, jobId))
                .setSourceId(sourceId).setInstanceId("i-" + sourceId).setRegionId("cn-hangzhou")
                .setSnapshots(List.of()).setReason("RETENTION").setSavedDailyCost(savedDailyCost).build();
    }
}
