package io.osmigration.executor.job;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/** An accepted batch: its settings and its own state. Its jobs are documents of their own. Mutable mapping type. */
@Document(BatchDocument.COLLECTION)
public class BatchDocument {

    public static final String COLLECTION = "batches";
    public static final String RUNNING = "RUNNING";
    public static final String PAUSED = "PAUSED";
    public static final String COMPLETED = "COMPLETED";
    public static final String CANCELLED = "CANCELLED";

    @Id
    public String id;
    public String requestId;
    public String submissionId;
    public String destinationOs;
    public String drillMode;
    public int maxParallel;
    public Integer failureThresholdPercent;
    public int total;
    public String state = RUNNING;
    /** Why the batch is paused or cancelled. */
    public String reason;
    /** Failures and finished jobs when an operator last resumed: the threshold counts only what came after. */
    public long acknowledgedFailures;
    public long acknowledgedFinished;
    public String leaseOwner;
    public Instant leaseUntil;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public Long version;
}
