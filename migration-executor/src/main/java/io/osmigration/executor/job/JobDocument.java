package io.osmigration.executor.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import io.osmigration.executor.domain.Job;
import io.osmigration.platform.lease.Lease;
import io.osmigration.platform.outbox.OutboxMessage;

/**
 * One job as stored: the domain value, the events its last changes still have to send (outbox), and the lease a
 * worker holds while it talks to the cloud about it. The top-level fields mirror the value for the queries and indexes
 * that need them, and are written only from it ({@link JobStore}). {@code instanceLock} is the instance's claim: set
 * while the job {@linkplain Job#holdsInstance() holds its instance}, under a unique sparse index, so no two jobs ever
 * hold one instance, whatever the batches and replicas.
 */
@Document(JobStore.COLLECTION)
class JobDocument {

    @Id
    private String id;
    private Job job;
    private String batchId;
    private String sourceId;
    private String state;
    private int position;
    private String instanceLock;
    private Instant dueAt;
    private Instant createdAt;
    private Lease lease;
    private List<OutboxMessage> outbox = new ArrayList<>();
    /**
     * Grows with every change of the value: writers of the value compare it, so no change is lost. Unlike
     * {@code version} (which the outbox relay and every claim bump too) it moves only when the value does, so a relay
     * sending the last change's events never makes a worker redo its move.
     */
    private long revision;
    @Version
    private Long version;

    JobDocument() {
    }

    static JobDocument of(Job job) {
        JobDocument document = new JobDocument();
        document.id = job.jobId();
        document.job = job;
        document.batchId = job.batchId();
        document.sourceId = job.sourceId();
        document.state = job.state().name();
        document.position = job.position();
        document.instanceLock = job.holdsInstance() ? job.instanceKey() : null;
        document.dueAt = job.dueAt();
        document.createdAt = job.createdAt();
        document.version = 0L;
        return document;
    }

    /** This document after a write of {@code changed} under its claim (the claim kept): what a next move works on. */
    JobDocument written(Job changed) {
        JobDocument document = of(changed);
        document.lease = lease;
        document.revision = revision + 1;
        document.version = version == null ? null : version + 1;
        return document;
    }

    String id() {
        return id;
    }

    Job job() {
        return job;
    }

    long revision() {
        return revision;
    }
}
