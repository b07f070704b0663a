package io.osmigration.precheck.check;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import io.osmigration.platform.outbox.OutboxMessage;
import io.osmigration.precheck.rules.Finding;

/**
 * One check. Its result and the event announcing it are written in one update (status, findings and the outbox
 * message together), so a check never ends without its event or emits one twice.
 *
 * @param jobId      null for a stand-alone check from the API, which emits nothing
 * @param causationId eventId of the MigrationRequested that asked for the check
 */
@Document(PrecheckDocument.COLLECTION)
public record PrecheckDocument(@Id String precheckId, String sourceId, String instanceId, String regionId,
                               String destinationOs, String batchId, String jobId, String causationId,
                               String status, List<Finding> findings, String sourceOs, String arch,
                               Instant factsCollectedAt, boolean factsStale, Instant createdAt, Instant finishedAt,
                               Long durationMillis, List<OutboxMessage> outbox, @Version Long version) {

    public static final String COLLECTION = "prechecks";
    public static final String RUNNING = "RUNNING";
    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";

    public static PrecheckDocument running(String precheckId, String sourceId, String instanceId, String regionId,
                                           String destinationOs, String batchId, String jobId, String causationId,
                                           Instant now) {
        return new PrecheckDocument(precheckId, sourceId, instanceId, regionId, destinationOs, batchId, jobId,
                causationId, RUNNING, List.of(), null, null, null, false, now, null, null, List.of(), null);
    }

    public boolean isJob() {
        return jobId != null;
    }
}
