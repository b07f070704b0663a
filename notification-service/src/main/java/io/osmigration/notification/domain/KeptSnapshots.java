package io.osmigration.notification.domain;

import java.time.Instant;

/** A job's snapshots still kept past the reminder threshold. */
public record KeptSnapshots(String jobId, String batchId, String sourceId, String instanceId, int snapshots,
                            double dailyCost, Instant createdAt) {
}
