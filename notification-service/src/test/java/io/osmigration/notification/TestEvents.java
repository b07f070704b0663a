package io.osmigration.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.osmigration.events.BatchAccepted;
import io.osmigration.events.BatchCancelled;
import io.osmigration.events.BatchFinished;
import io.osmigration.events.BatchPaused;
import io.osmigration.events.BatchResumed;
import io.osmigration.events.DrillCompleted;
import io.osmigration.events.EventHeader;
import io.osmigration.events.Finding;
import io.osmigration.events.JobReleased;
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

    static JobReleased jobReleased(String batchId, String jobId, String sourceId, String drillMode) {
        return JobReleased.newBuilder().setHeader(header("migration-executor", batchId, jobId))
                .setRequestId("r-" + batchId).setSourceId(sourceId).setInstanceId("i-" + sourceId)
                .setRegionId("cn-hangzhou").setDestinationOs("alinux3").setDrillMode(drillMode)
                .setAutoRemediate(List.of()).build();
    }

    static BatchAccepted batchAccepted(String batchId, int total) {
        return BatchAccepted.newBuilder().setHeader(header("migration-executor", batchId, null))
                .setBatchId(batchId).setRequestId("r-" + batchId).setTotal(total).setDestinationOs("alinux3")
                .setDrillMode("NONE").setMaxParallel(50).setFailureThresholdPercent(20).setBy("ops-token").build();
    }

    static BatchPaused batchPaused(String batchId, String by, String reason) {
        return BatchPaused.newBuilder().setHeader(header("migration-executor", batchId, null))
                .setBatchId(batchId).setBy(by).setReason(reason).build();
    }

    static BatchResumed batchResumed(String batchId, String by) {
        return BatchResumed.newBuilder().setHeader(header("migration-executor", batchId, null))
                .setBatchId(batchId).setBy(by).build();
    }

    static BatchCancelled batchCancelled(String batchId, String by) {
        return BatchCancelled.newBuilder().setHeader(header("migration-executor", batchId, null))
                .setBatchId(batchId).setBy(by).setReason("change freeze").build();
    }

    static BatchFinished batchFinished(String batchId, String state, Map<String, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        return BatchFinished.newBuilder().setHeader(header("migration-executor", batchId, null))
                .setBatchId(batchId).setState(state).setTotal(total).setCounts(counts).build();
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
