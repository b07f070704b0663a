package io.osmigration.snapshot.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import io.osmigration.platform.lease.Lease;
import io.osmigration.platform.outbox.OutboxMessage;
import io.osmigration.snapshot.domain.JobSnapshots;

/**
 * One job's backup as stored: the domain value, the events it still has to send (outbox), and the lease a worker
 * holds while it talks to the cloud about it (platform {@link Lease}; a whole-document save keeps the lease it read).
 * {@code dueAt} mirrors {@code job.nextActionAt} at the top level, where the worker's claim query and index look for
 * it.
 */
@Document(JobSnapshotsStore.COLLECTION)
public class JobSnapshotsDocument {

    @Id
    private String id;
    private JobSnapshots job;
    private Instant dueAt;
    private Lease lease;
    private List<OutboxMessage> outbox = new ArrayList<>();
    @Version
    private Long version;

    public JobSnapshotsDocument() {
    }

    static JobSnapshotsDocument of(JobSnapshots job, List<OutboxMessage> events) {
        JobSnapshotsDocument document = new JobSnapshotsDocument();
        document.id = job.jobId();
        document.job = job;
        document.dueAt = job.nextActionAt();
        document.outbox = new ArrayList<>(events);
        return document;
    }

    /** Replaces the job value and queues its events; the caller saves. */
    void change(JobSnapshots changed, List<OutboxMessage> events) {
        this.job = changed;
        this.dueAt = changed.nextActionAt();
        if (outbox == null) {
            outbox = new ArrayList<>();
        }
        outbox.addAll(events);
    }

    public String getId() {
        return id;
    }

    public JobSnapshots getJob() {
        return job;
    }

    public Instant getDueAt() {
        return dueAt;
    }

    public Lease getLease() {
        return lease;
    }

    public List<OutboxMessage> getOutbox() {
        return outbox;
    }

    public Long getVersion() {
        return version;
    }
}
