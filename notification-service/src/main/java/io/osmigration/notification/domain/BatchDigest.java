package io.osmigration.notification.domain;

import java.util.List;
import java.util.Map;

/**
 * What a batch came to once all its jobs stopped (or it paused).
 *
 * @param countsByState jobs per state label, in a stable order
 * @param topBlockers   findings and failures grouped by code, most frequent first
 * @param snapshotsKept snapshots created and not yet released
 */
public record BatchDigest(String batchId, boolean paused, int totalJobs, Map<String, Integer> countsByState,
                          List<Blocker> topBlockers, int snapshotsKept, double dailyCost) {

    public BatchDigest {
        // Keeps the caller's order (states in their natural order), which Map.copyOf would not.
        countsByState = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(countsByState));
        topBlockers = List.copyOf(topBlockers);
    }

    /** One reason jobs were stopped, and how many it stopped. */
    public record Blocker(String code, String title, int jobs, String remedy) {
    }
}
