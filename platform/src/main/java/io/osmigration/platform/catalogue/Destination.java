package io.osmigration.platform.catalogue;

/**
 * A destination operating system and how a migrated instance identifies itself in {@code /etc/os-release}.
 *
 * @param elMajor the Enterprise Linux generation it belongs to (kernel, package set): 7 or 8
 */
public record Destination(String id, String name, String osReleaseId, String versionPrefix, int elMajor) {

    /** Whether an os-release ID and VERSION_ID say an instance runs this destination. */
    public boolean matches(String osId, String versionId) {
        return osReleaseId.equals(osId) && versionId != null
                && (versionId.equals(versionPrefix) || versionId.startsWith(versionPrefix + "."));
    }
}
