package io.osmigration.precheck.rules;

import java.util.List;
import java.util.Set;

/** SOURCE_OS_UNSUPPORTED / DESTINATION_UNSUPPORTED from {@link MigrationPaths}. */
public final class MigrationPathRule implements Rule {

    private final boolean rhelConversionAllowed;

    public MigrationPathRule(boolean rhelConversionAllowed) {
        this.rhelConversionAllowed = rhelConversionAllowed;
    }

    @Override
    public List<Finding> evaluate(CheckSubject subject) {
        if (!subject.hasFacts()) {
            return List.of();
        }
        var facts = subject.facts();
        String source = describe(facts.osPrettyName(), facts.osId(), facts.osVersionId()) + " on "
                + MigrationPaths.normalizeArch(facts.arch());
        List<MigrationPaths.Path> rows = MigrationPaths.from(facts.arch(), facts.osId(), facts.osVersionId());
        if (rows.isEmpty()) {
            // Same distribution and architecture at another version (RHEL 7.6 where 7.9 is supported): say which.
            List<String> supportedVersions = MigrationPaths.TABLE.stream()
                    .filter(p -> p.arch().equals(MigrationPaths.normalizeArch(facts.arch()))
                            && p.sourceOs().equalsIgnoreCase(facts.osId() == null ? "" : facts.osId().strip()))
                    .map(MigrationPaths.Path::sourceVersion).distinct().sorted().toList();
            String hint = supportedVersions.isEmpty()
                    ? "Replace the system disk with a supported image instead."
                    : "Update the server to a supported version first (" + facts.osId() + " "
                    + String.join(" or ", supportedVersions) + "), or replace the system disk.";
            return List.of(new Finding(FindingCodes.SOURCE_OS_UNSUPPORTED, Severity.CRITICAL,
                    "The source operating system cannot be migrated in place",
                    source + " is not a source of any supported migration path (CentOS 7/8, RHEL 7.9/8 and Alibaba "
                            + "Cloud Linux 2 on x86_64; CentOS 7/8 on aarch64).",
                    hint, supportedVersions.isEmpty() ? null : "yum update -y && reboot"));
        }
        Set<String> reachable = MigrationPaths.destinations(facts.arch(), facts.osId(), facts.osVersionId(),
                rhelConversionAllowed);
        String destination = subject.destinationOs();
        if (reachable.contains(destination)) {
            return List.of();
        }
        boolean allowListOnly = rows.stream().anyMatch(p -> p.destination().equals(destination) && p.rhelConversion());
        String detail = source + " cannot be migrated to " + Destinations.displayName(destination)
                + (allowListOnly ? " because CentOS → RHEL conversion is not enabled (osm.precheck.rhel-conversion-allowed)"
                : "") + ". Possible destinations: " + (reachable.isEmpty() ? "none" : String.join(", ", reachable)) + ".";
        return List.of(new Finding(FindingCodes.DESTINATION_UNSUPPORTED, Severity.CRITICAL,
                "The destination operating system is not supported for this source", detail,
                allowListOnly ? "CentOS → RHEL conversion is available to allow-listed accounts only; request access, "
                        + "then set osm.precheck.rhel-conversion-allowed=true, or choose another destination."
                        : "Choose one of the possible destinations: " + String.join(", ", reachable) + ".",
                null));
    }

    private static String describe(String prettyName, String osId, String versionId) {
        return prettyName != null && !prettyName.isBlank() ? prettyName : osId + " " + versionId;
    }
}
