package io.osmigration.notification.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a finished batch came to (from BatchFinished: its final state and the counts the executor reports), with the
 * blockers and snapshots this service learnt from the job events.
 *
 * @param finalState    the batch's final state: COMPLETED or CANCELLED
 * @param countsByState jobs per state label, in {@link JobStates} order
 * @param topBlockers   findings and failures grouped by code, most frequent first
 * @param snapshotsKept snapshots created and not yet released
 */
public record BatchDigest(String batchId, String finalState, int totalJobs, Map<String, Integer> countsByState,
                          List<Blocker> topBlockers, int snapshotsKept, double dailyCost) {

    public BatchDigest {
        // Keeps the caller's order (states in their natural order), which Map.copyOf would not.
        countsByState = Collections.unmodifiableMap(new LinkedHashMap<>(countsByState));
        topBlockers = List.copyOf(topBlockers);
    }

    public boolean cancelled() {
        return "CANCELLED".equals(finalState);
    }

    /** One reason jobs were stopped, and how many it stopped. */
    public record Blocker(String code, String title, int jobs, String remedy) {
    }
}
