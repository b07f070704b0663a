package io.osmigration.executor.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The destination operating systems a batch may name, how each one identifies itself in os-release, and which ones
 * are refused (every path to them is experimental and experimental paths are off). Built from the migration
 * catalogue at start-up; plain data here, so the domain stays free of the platform.
 */
public final class Destinations {

    /** os-release ID and the VERSION_ID prefix a migrated instance must report. */
    public record Expected(String destination, String id, String versionPrefix) {
        public boolean matches(String osId, String versionId) {
            return id.equals(osId) && versionId != null
                    && (versionId.equals(versionPrefix) || versionId.startsWith(versionPrefix + "."));
        }
    }

    private final Map<String, Expected> expected = new TreeMap<>();
    private final Map<String, String> refused;

    /** @param refused destination id → why a batch may not name it (none of its paths can run here) */
    public Destinations(List<Expected> destinations, Map<String, String> refused) {
        destinations.forEach(d -> expected.put(d.destination(), d));
        this.refused = Map.copyOf(refused);
    }

    public boolean isKnown(String destination) {
        return destination != null && expected.containsKey(destination);
    }

    /** Why a batch may not migrate to this known destination; empty when it may. */
    public Optional<String> refusal(String destination) {
        return Optional.ofNullable(refused.get(destination));
    }

    public Optional<Expected> expected(String destination) {
        return Optional.ofNullable(expected.get(destination));
    }

    /** Every destination id, sorted. */
    public List<String> ids() {
        return List.copyOf(expected.keySet());
    }

    /** The destinations a batch may name now, sorted. */
    public List<String> offered() {
        return expected.keySet().stream().filter(id -> !refused.containsKey(id)).toList();
    }
}
