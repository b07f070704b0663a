package io.osmigration.precheck.rules;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import io.osmigration.platform.catalogue.MigrationCatalogue;
import io.osmigration.platform.catalogue.MigrationPath;
import io.osmigration.platform.catalogue.SourceOs;

/**
 * SOURCE_OS_UNSUPPORTED, DESTINATION_UNSUPPORTED and MIGRATION_PATH_EXPERIMENTAL, from the migration catalogue
 * (platform, migration-catalogue.yaml: SMC's published matrix with the recipe of each path).
 */
public final class MigrationPathRule implements Rule {

    private final MigrationCatalogue catalogue;
    private final boolean rhelConversionAllowed;
    private final boolean experimentalAllowed;

    /**
     * @param rhelConversionAllowed CentOS to RHEL (allow-listed accounts only in SMC) is offered
     * @param experimentalAllowed   paths whose tool no public source confirms are offered
     *                              ({@code osm.migration.experimental-paths}); they then get a WARNING
     */
    public MigrationPathRule(MigrationCatalogue catalogue, boolean rhelConversionAllowed, boolean experimentalAllowed) {
        this.catalogue = catalogue;
        this.rhelConversionAllowed = rhelConversionAllowed;
        this.experimentalAllowed = experimentalAllowed;
    }

    @Override
    public List<Finding> evaluate(CheckSubject subject) {
        if (!subject.hasFacts()) {
            return List.of();
        }
        var facts = subject.facts();
        String source = describe(facts.osPrettyName(), facts.osId(), facts.osVersionId()) + " on "
                + SourceOs.normalizeArch(facts.arch());
        List<MigrationPath> rows = catalogue.pathsFrom(facts.arch(), facts.osId(), facts.osVersionId());
        if (rows.isEmpty()) {
            return List.of(sourceUnsupported(facts.arch(), facts.osId(), source));
        }
        String destination = subject.destinationOs();
        Optional<MigrationPath> path = rows.stream().filter(p -> p.destination().equals(destination)).findFirst();
        if (path.isPresent() && path.get().allowListed() && !rhelConversionAllowed) {
            return List.of(destinationUnsupported(source, destination, rows, true));
        }
        if (path.isEmpty()) {
            return List.of(destinationUnsupported(source, destination, rows, false));
        }
        if (path.get().experimental()) {
            return List.of(experimental(source, path.get()));
        }
        return List.of();
    }

    private Finding sourceUnsupported(String arch, String osId, String source) {
        // Same distribution and architecture at another version (RHEL 7.6 where 7.9 is supported): say which.
        List<String> supportedVersions = catalogue.sourceVersions(arch, osId);
        String hint = supportedVersions.isEmpty()
                ? "Replace the system disk with a supported image instead."
                : "Update the server to a supported version first (" + osId + " "
                + String.join(" or ", supportedVersions) + "), or replace the system disk.";
        return new Finding(FindingCodes.SOURCE_OS_UNSUPPORTED, Severity.CRITICAL,
                "The source operating system cannot be migrated in place",
                source + " is not a source of any supported migration path (CentOS 7/8, RHEL 7.9/8 and Alibaba "
                        + "Cloud Linux 2 on x86_64; CentOS 7/8 on aarch64).",
                hint, supportedVersions.isEmpty() ? null : "yum update -y && reboot");
    }

    private Finding destinationUnsupported(String source, String destination, List<MigrationPath> rows,
                                           boolean allowListOnly) {
        TreeSet<String> reachable = new TreeSet<>();
        rows.stream().filter(p -> !p.allowListed() || rhelConversionAllowed)
                .filter(p -> !p.experimental() || experimentalAllowed)
                .forEach(p -> reachable.add(p.destination()));
        String detail = source + " cannot be migrated to " + Destinations.displayName(destination)
                + (allowListOnly ? " because CentOS → RHEL conversion is not enabled (osm.precheck.rhel-conversion-allowed)"
                : "") + ". Possible destinations: " + (reachable.isEmpty() ? "none" : String.join(", ", reachable)) + ".";
        return new Finding(FindingCodes.DESTINATION_UNSUPPORTED, Severity.CRITICAL,
                "The destination operating system is not supported for this source", detail,
                allowListOnly ? "CentOS → RHEL conversion is available to allow-listed accounts only; request access, "
                        + "then set osm.precheck.rhel-conversion-allowed=true, or choose another destination."
                        : "Choose one of the possible destinations: " + String.join(", ", reachable) + ".",
                null);
    }

    private Finding experimental(String source, MigrationPath path) {
        String name = Destinations.displayName(path.destination());
        String detail = source + " to " + name + " is in SMC's matrix, but its migration tool is not confirmed: "
                + path.reason() + ". See docs/migration-paths.md.";
        if (experimentalAllowed) {
            return new Finding(FindingCodes.MIGRATION_PATH_EXPERIMENTAL, Severity.WARNING,
                    "The migration path is experimental", detail,
                    "osm.migration.experimental-paths is on: test the migration on a copy of this server first.", null);
        }
        return new Finding(FindingCodes.MIGRATION_PATH_EXPERIMENTAL, Severity.CRITICAL,
                "The migration path is experimental and not enabled", detail,
                "Choose a supported destination (docs/migration-paths.md), or set "
                        + "osm.migration.experimental-paths=true to try this path at your own risk.", null);
    }

    private static String describe(String prettyName, String osId, String versionId) {
        return prettyName != null && !prettyName.isBlank() ? prettyName : osId + " " + versionId;
    }
}
