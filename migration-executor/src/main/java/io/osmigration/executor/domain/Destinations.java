package io.osmigration.executor.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The destination operating systems of the contract and how each one identifies itself in os-release. */
public final class Destinations {

    /** os-release ID and the VERSION_ID prefix a migrated instance must report. */
    public record Expected(String id, String versionPrefix) {
        public boolean matches(String osId, String versionId) {
            return id.equals(osId) && versionId != null
                    && (versionId.equals(versionPrefix) || versionId.startsWith(versionPrefix + "."));
        }
    }

    private static final Map<String, Expected> EXPECTED = Map.of(
            "alinux2", new Expected("alinux", "2"),
            "alinux3", new Expected("alinux", "3"),
            "anolis7", new Expected("anolis", "7"),
            "anolis8", new Expected("anolis", "8"),
            "rhel7", new Expected("rhel", "7"),
            "rhel8", new Expected("rhel", "8"));

    public static final List<String> IDS = List.of("alinux2", "alinux3", "anolis7", "anolis8", "rhel7", "rhel8");

    private Destinations() {
    }

    public static boolean isKnown(String destination) {
        return destination != null && EXPECTED.containsKey(destination);
    }

    public static Optional<Expected> expected(String destination) {
        return Optional.ofNullable(EXPECTED.get(destination));
    }
}
