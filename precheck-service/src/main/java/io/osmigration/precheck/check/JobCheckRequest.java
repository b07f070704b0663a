package io.osmigration.precheck.check;

import java.util.List;

/**
 * A released job asks for its migratability check (from JobReleased, or the legacy MigrationRequested with a jobId
 * and one target).
 *
 * @param requestEventId eventId of the event that released the job: the result's causation id
 */
record JobCheckRequest(String requestEventId, String batchId, String jobId, String sourceId,
                              String instanceId, String regionId, String destinationOs, List<String> autoRemediate) {

    JobCheckRequest {
        autoRemediate = autoRemediate == null ? List.of() : List.copyOf(autoRemediate);
    }
}
