package io.osmigration.executor.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import io.osmigration.executor.domain.JobState;
import io.osmigration.executor.domain.MigrationStep;
import io.osmigration.platform.outbox.OutboxMessage;

/**
 * One job's saga state, the events its changes cause ({@code outbox}) and the lease of the replica working on it,
 * all in one document so every change and its events are one atomic write. Mutable: a MongoDB mapping type.
 */
@Document(JobDocument.COLLECTION)
public class JobDocument {

    public static final String COLLECTION = "jobs";

    @Id
    public String id;
    public String batchId;
    public int position;
    public String sourceId;
    public String instanceId;
    public String regionId;
    public String destinationOs;
    public String drillMode;
    public String state = JobState.PENDING.name();
    public List<StepRecord> steps = new ArrayList<>();
    public StepRecord drill;
    public List<FindingRecord> findings = new ArrayList<>();
    public List<SnapshotRecord> snapshots = new ArrayList<>();
    public String error;
    public String failedStep;
    public String resultingOs;
    public boolean cancelRequested;
    public boolean approved;
    /** eventId of the last event that moved this job, the causationId of the next one it emits. */
    public String lastEventId;
    public String leaseOwner;
    public Instant leaseUntil;
    public Instant nextAttemptAt;
    public Instant createdAt;
    public Instant updatedAt;
    public List<OutboxMessage> outbox = new ArrayList<>();
    @Version
    public Long version;

    public JobState jobState() {
        return JobState.valueOf(state);
    }

    public boolean is(JobState expected) {
        return expected.name().equals(state);
    }

    /** The first step that has not succeeded yet (creating the step list on first use). */
    public Optional<StepRecord> currentStep() {
        if (steps.isEmpty()) {
            MigrationStep.ORDER.forEach(step -> steps.add(new StepRecord(step.name())));
        }
        return steps.stream().filter(step -> !StepRecord.SUCCEEDED.equals(step.status)).findFirst();
    }

    public boolean anyStepStarted() {
        return steps.stream().anyMatch(step -> step.clientToken != null);
    }
}
