package io.osmigration.notification.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch stopped releasing jobs (BatchPaused), and where it stands as far as this service knows.
 *
 * @param by             an API token's name, the submitting system, or {@code threshold} (the failure threshold)
 * @param reason         why, if given
 * @param expectedJobs   the batch's size (BatchAccepted), 0 if unknown
 * @param countsByState  the jobs this service has heard of, per state label
 */
public record BatchPause(String batchId, String by, String reason, int expectedJobs,
                         Map<String, Integer> countsByState, List<BatchDigest.Blocker> topBlockers) {

    public static final String THRESHOLD = "threshold";

    public BatchPause {
        countsByState = Collections.unmodifiableMap(new LinkedHashMap<>(countsByState));
        topBlockers = List.copyOf(topBlockers);
    }

    public boolean byThreshold() {
        return THRESHOLD.equals(by);
    }

    public int knownJobs() {
        return countsByState.values().stream().mapToInt(Integer::intValue).sum();
    }
}
