package io.osmigration.platform.catalogue;

import java.util.Locale;

/**
 * The source side of a path: os-release ID, a VERSION_ID prefix ("7" matches 7 and 7.x, "7.9" only 7.9) and the
 * architecture as {@code uname -m} prints it.
 */
public record SourceOs(String os, String version, String arch) {

    public boolean matches(String archName, String osId, String versionId) {
        String v = versionId == null ? "" : versionId.strip();
        return arch.equals(normalizeArch(archName)) && os.equals(normalize(osId))
                && (v.equals(version) || v.startsWith(version + "."));
    }

    public static String normalizeArch(String arch) {
        String a = normalize(arch);
        return switch (a) {
            case "arm64" -> "aarch64";
            case "amd64", "x86", "x64" -> "x86_64";
            default -> a;
        };
    }

    static String normalize(String value) {
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }

    public String describe() {
        return os + " " + version + " (" + arch + ")";
    }
}
