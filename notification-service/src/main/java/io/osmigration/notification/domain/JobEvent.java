package io.osmigration.notification.domain;

import java.time.Instant;
import java.util.List;

/**
 * What one catalog event says about one job, in the terms messages need. Built by the intake adapter from Avro.
 *
 * @param type       null for events that only feed tracking (SnapshotsCreated)
 * @param snapshots  the snapshots the event is about (created, released, used for a rollback)
 * @param dailyCost  daily cost of those snapshots
 */
public record JobEvent(String eventId, EventType type, Instant occurredAt, String batchId, String jobId,
                       String sourceId, String instanceId, String destinationOs, JobOutcome outcome, String step,
                       String reason, List<Finding> findings, List<Snapshot> snapshots, double dailyCost) {

    public JobEvent {
        findings = findings == null ? List.of() : List.copyOf(findings);
        snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
    }

    /** Whether this event reports a failure or a blocked check (a drill with a CRITICAL item counts). */
    public boolean failure() {
        if (type == EventType.DRILL_COMPLETED) {
            return outcome == JobOutcome.DRILL_CRITICAL;
        }
        return type != null && type.failure();
    }

    /** The server as people know it: the instance id when there is one, else the source id. */
    public String server() {
        return instanceId == null || instanceId.isBlank() ? sourceId : sourceId + "/" + instanceId;
    }
}
