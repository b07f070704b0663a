package io.osmigration.notification.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The executor's job states as people read them in a digest (BatchFinished counts jobs per state). */
public final class JobStates {

    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put("PRECHECK_FAILED", "pre-check failed");
        LABELS.put("AWAITING_APPROVAL", "drill done, awaiting approval");
        LABELS.put("COMPLETED", "completed");
        LABELS.put("FAILED", "failed");
        LABELS.put("ROLLED_BACK", "rolled back");
        LABELS.put("CANCELLED", "cancelled");
    }

    private JobStates() {
    }

    public static String label(String state) {
        String known = LABELS.get(state);
        return known != null ? known : state.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Counts per label, known states first in their natural order, then any others by name; zeros left out. */
    public static Map<String, Integer> labelled(Map<String, Integer> countsByState) {
        Map<String, Integer> labelled = new LinkedHashMap<>();
        List<String> order = List.copyOf(LABELS.keySet());
        for (String state : order) {
            add(labelled, state, countsByState.getOrDefault(state, 0));
        }
        new TreeMap<>(countsByState).forEach((state, count) -> {
            if (!LABELS.containsKey(state)) {
                add(labelled, state, count);
            }
        });
        return labelled;
    }

    private static void add(Map<String, Integer> labelled, String state, int count) {
        if (count > 0) {
            labelled.merge(label(state), count, Integer::sum);
        }
    }
}
