package io.osmigration.precheck.rules;

import java.util.Optional;

/** Reads {@code rpm -qa} lines: name-version-release.arch. */
final class Packages {

    private Packages() {
    }

    record Nvra(String name, String version, String release, String arch) {
        String nameArch() {
            return name + "." + arch;
        }
    }

    static Optional<Nvra> parse(String line) {
        String text = line.strip();
        int archDot = text.lastIndexOf('.');
        if (archDot <= 0) {
            return Optional.empty();
        }
        String arch = text.substring(archDot + 1);
        String nvr = text.substring(0, archDot);
        int releaseDash = nvr.lastIndexOf('-');
        if (releaseDash <= 0) {
            return Optional.empty();
        }
        int versionDash = nvr.lastIndexOf('-', releaseDash - 1);
        if (versionDash <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Nvra(nvr.substring(0, versionDash), nvr.substring(versionDash + 1, releaseDash),
                nvr.substring(releaseDash + 1), arch));
    }
}
