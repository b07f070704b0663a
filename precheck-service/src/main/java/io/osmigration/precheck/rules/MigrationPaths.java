package io.osmigration.precheck.rules;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The source → destination → architecture matrix: which migrations exist at all.
 *
 * <p>Source: the spec's "Migration solutions" tables (seed 000_314ad22255c3a460). Their destination cells are blank
 * in the text we have, except Alibaba Cloud Linux 2 → 3, so the rows are filled from Alibaba Cloud's published SMC
 * page "Migrate an operating system" (alibabacloud.com/help/en/smc/migration-operation, "Migration and upgrade
 * scenarios"): CentOS 7.x → AnolisOS 7/8, Alibaba Cloud Linux 2/3 on x86 and AnolisOS 7/8, Alibaba Cloud Linux 3 on
 * ARM64; CentOS 7.9 → RHEL 7 and CentOS 8.5 → RHEL 8 on x86 for allow-listed users only; CentOS 8.x → AnolisOS 8,
 * Alibaba Cloud Linux 3 on both; RHEL 7.9 and RHEL 8.x → Alibaba Cloud Linux 3 on x86; Alibaba Cloud Linux 2 →
 * Alibaba Cloud Linux 3 on x86.
 *
 * <p>CentOS's os-release has no minor version (VERSION_ID is "7"), so the CentOS → RHEL rows match the major
 * version; the conversion itself brings the system to the latest minor first.
 */
public final class MigrationPaths {

    /** @param sourceVersion a VERSION_ID prefix: "7" matches 7 and 7.x, "7.9" only 7.9 */
    public record Path(String arch, String sourceOs, String sourceVersion, String destination,
                       boolean rhelConversion) {
    }

    public static final List<Path> TABLE = List.of(
            // arch,     source,   version, destination, needs the CentOS→RHEL allow-list
            new Path("x86_64", "centos", "7", "alinux2", false),
            new Path("x86_64", "centos", "7", "alinux3", false),
            new Path("x86_64", "centos", "7", "anolis7", false),
            new Path("x86_64", "centos", "7", "anolis8", false),
            new Path("x86_64", "centos", "7", "rhel7", true),
            new Path("x86_64", "centos", "8", "alinux3", false),
            new Path("x86_64", "centos", "8", "anolis8", false),
            new Path("x86_64", "centos", "8", "rhel8", true),
            new Path("aarch64", "centos", "7", "alinux3", false),
            new Path("aarch64", "centos", "7", "anolis7", false),
            new Path("aarch64", "centos", "7", "anolis8", false),
            new Path("aarch64", "centos", "8", "alinux3", false),
            new Path("aarch64", "centos", "8", "anolis8", false),
            new Path("x86_64", "rhel", "7.9", "alinux3", false),
            new Path("x86_64", "rhel", "8", "alinux3", false),
            new Path("x86_64", "alinux", "2", "alinux3", false));

    private MigrationPaths() {
    }

    public static String normalizeArch(String arch) {
        String a = arch == null ? "" : arch.strip().toLowerCase(Locale.ROOT);
        return switch (a) {
            case "arm64" -> "aarch64";
            case "amd64", "x86" -> "x86_64";
            default -> a;
        };
    }

    static boolean versionMatches(String prefix, String versionId) {
        String v = versionId == null ? "" : versionId.strip();
        return v.equals(prefix) || v.startsWith(prefix + ".");
    }

    /** Rows for this source OS on this architecture, regardless of the destination. */
    public static List<Path> from(String arch, String osId, String versionId) {
        String a = normalizeArch(arch);
        String os = osId == null ? "" : osId.strip().toLowerCase(Locale.ROOT);
        return TABLE.stream()
                .filter(p -> p.arch().equals(a) && p.sourceOs().equals(os) && versionMatches(p.sourceVersion(), versionId))
                .toList();
    }

    /** Destinations reachable from this source, honouring the CentOS → RHEL allow-list switch. */
    public static Set<String> destinations(String arch, String osId, String versionId, boolean rhelConversionAllowed) {
        Set<String> result = new TreeSet<>();
        for (Path path : from(arch, osId, versionId)) {
            if (!path.rhelConversion() || rhelConversionAllowed) {
                result.add(path.destination());
            }
        }
        return result;
    }
}
