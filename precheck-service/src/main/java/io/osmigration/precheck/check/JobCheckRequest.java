package io.osmigration.precheck.check;

/** A released job asks for its migratability check (from MigrationRequested with a jobId and one target). */
public record JobCheckRequest(String requestEventId, String batchId, String jobId, String sourceId,
                              String instanceId, String regionId, String destinationOs) {
}
