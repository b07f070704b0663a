package io.osmigration.precheck.rules;

/**
 * Minimum resources for an in-place migration. Defaults: 5 GiB free on / (the upgrade downloads and unpacks a whole
 * new package set there), 100 MiB free on /boot (a second kernel and initramfs), 1 GiB of memory (dnf's depsolving
 * and the upgrade initramfs).
 */
public record Thresholds(long rootMinFreeMiB, long bootMinFreeMiB, long memoryMinMiB) {

    public static final Thresholds DEFAULT = new Thresholds(5 * 1024, 100, 1024);
}
