package io.osmigration.platform.catalogue;

import java.util.List;

/**
 * One row of the matrix: a source, a destination and how to get from one to the other.
 *
 * @param recipe      the recipe's id; null for an experimental path
 * @param allowListed offered by SMC to allow-listed accounts only (CentOS to RHEL); see the precheck's switch
 * @param reason      why the path is experimental; null otherwise
 */
public record MigrationPath(SourceOs source, String destination, String recipe, PathStatus status,
                            boolean allowListed, String reason, List<Source> sources) {

    public MigrationPath {
        sources = List.copyOf(sources);
    }

    public boolean experimental() {
        return status == PathStatus.EXPERIMENTAL;
    }

    /** A stable name for the path, e.g. {@code centos7-x86_64-anolis8}. */
    public String id() {
        return source.os() + source.version() + "-" + source.arch() + "-" + destination;
    }
}
