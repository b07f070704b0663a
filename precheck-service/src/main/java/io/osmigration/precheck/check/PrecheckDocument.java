package io.osmigration.precheck.check;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import io.osmigration.platform.lease.Lease;
import io.osmigration.platform.outbox.OutboxMessage;
import io.osmigration.precheck.rules.Finding;

/**
 * One check, from the moment it is asked for until its result: the durable queue entry and the record the API
 * shows. A check is {@code RUNNING} until it ends (queued ones too: {@code startedAt} is null until a replica claims
 * it); a replica works on it under a platform {@link Lease}, and its result and the event announcing it are written
 * in one fenced update (status, findings and the outbox message together), so a check never ends without its event,
 * never twice, and never from a replica that lost its claim.
 *
 * @param jobId         null for a stand-alone check from the API, which emits nothing
 * @param causationId   eventId of the JobReleased (or legacy MigrationRequested) that asked for the check
 * @param autoRemediate finding codes the operator allowed osmigration to remedy on the instance (from JobReleased);
 *                      recorded with the check, not acted upon by it
 * @param startedAt     when a replica first took the check up; null while it waits in the queue
 * @param attempts      how many times a replica took it up (more than one: a replica stopped or died during it)
 * @param collector     the fact collector's RunCommand and invocation, once a replica sent it (see {@link Collector})
 */
@Document(PrecheckDocument.COLLECTION)
record PrecheckDocument(@Id String precheckId, String sourceId, String instanceId, String regionId,
                               String destinationOs, String batchId, String jobId, String causationId,
                               List<String> autoRemediate, String status, List<Finding> findings, String sourceOs,
                               String arch, Instant factsCollectedAt, boolean factsStale, Instant createdAt,
                               Instant startedAt, Instant finishedAt, Long durationMillis, Integer attempts,
                               Collector collector, Lease lease, List<OutboxMessage> outbox, @Version Long version) {

    static final String COLLECTION = "prechecks";
    static final String RUNNING = "RUNNING";
    static final String PASSED = "PASSED";
    static final String FAILED = "FAILED";

    public PrecheckDocument {
        autoRemediate = autoRemediate == null ? List.of() : List.copyOf(autoRemediate);
        findings = findings == null ? List.of() : List.copyOf(findings);
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
        attempts = attempts == null ? 0 : attempts;
    }

    /** A check waiting in the queue for a replica to take it up. */
    static PrecheckDocument queued(String precheckId, String sourceId, String instanceId, String regionId,
                                          String destinationOs, String batchId, String jobId, String causationId,
                                          List<String> autoRemediate, Instant now) {
        return new PrecheckDocument(precheckId, sourceId, instanceId, regionId, destinationOs, batchId, jobId,
                causationId, autoRemediate, RUNNING, List.of(), null, null, null, false, now, null, null, null, 0,
                null, null, List.of(), null);
    }

    boolean isJob() {
        return jobId != null;
    }

    /** The server as the operator knows it, for messages. */
    String server() {
        return instanceId == null ? sourceId : instanceId;
    }
}
