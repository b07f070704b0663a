package io.osmigration.snapshot.orphans;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import io.osmigration.platform.lease.Lease;
import io.osmigration.platform.outbox.OutboxMessage;

/**
 * A backup snapshot no live job owns, found by the sweep and released once {@code dueAt} (first seen + retention)
 * has come. Stored, so the pending release survives restarts; a replica releasing it holds it with a platform
 * {@link Lease}.
 */
@Document(OrphanSnapshotDocument.COLLECTION)
public class OrphanSnapshotDocument {

    public static final String COLLECTION = "orphan_snapshots";

    enum Status { PENDING, RELEASED, ADOPTED, GONE }

    @Id
    private String snapshotId;
    private String snapshotName;
    private String jobId;
    private String batchId;
    private String sourceId;
    private String instanceId;
    private String regionId;
    private String diskId;
    private int sizeGiB;
    private double estimatedDailyCost;
    private Instant firstSeenAt;
    private Instant dueAt;
    private Status status;
    private Instant releasedAt;
    private Lease lease;
    private List<OutboxMessage> outbox = new ArrayList<>();
    @Version
    private Long version;

    public String getSnapshotId() { return snapshotId; }
    public String getSnapshotName() { return snapshotName; }
    public String getJobId() { return jobId; }
    public String getBatchId() { return batchId; }
    public String getSourceId() { return sourceId; }
    public String getInstanceId() { return instanceId; }
    public String getRegionId() { return regionId; }
    public String getDiskId() { return diskId; }
    public int getSizeGiB() { return sizeGiB; }
    public double getEstimatedDailyCost() { return estimatedDailyCost; }
    public Instant getFirstSeenAt() { return firstSeenAt; }
    public Instant getDueAt() { return dueAt; }
    public Status getStatus() { return status; }
    public Instant getReleasedAt() { return releasedAt; }
    public List<OutboxMessage> getOutbox() { return outbox; }
    public Long getVersion() { return version; }

    void setSnapshotId(String v) { snapshotId = v; }
    void setSnapshotName(String v) { snapshotName = v; }
    void setJobId(String v) { jobId = v; }
    void setBatchId(String v) { batchId = v; }
    void setSourceId(String v) { sourceId = v; }
    void setInstanceId(String v) { instanceId = v; }
    void setRegionId(String v) { regionId = v; }
    void setDiskId(String v) { diskId = v; }
    void setSizeGiB(int v) { sizeGiB = v; }
    void setEstimatedDailyCost(double v) { estimatedDailyCost = v; }
    void setFirstSeenAt(Instant v) { firstSeenAt = v; }
    void setDueAt(Instant v) { dueAt = v; }
    void setStatus(Status v) { status = v; }
    void setReleasedAt(Instant v) { releasedAt = v; }
    void setOutbox(List<OutboxMessage> v) { outbox = v; }
    void setVersion(Long v) { version = v; }
    public Lease getLease() { return lease; }
}
