package io.osmigration.precheck.rules;

import java.util.Set;

/** Destination ids of the contract and what family each belongs to. */
public final class Destinations {

    public static final Set<String> ALL = Set.of("alinux2", "alinux3", "anolis7", "anolis8", "rhel7", "rhel8");

    /** Destinations with an EL8-class kernel and package set (kernel 4.18+/5.10, dnf, AppStream). */
    public static final Set<String> EL8_CLASS = Set.of("alinux3", "anolis8", "rhel8");

    private Destinations() {
    }

    public static boolean isKnown(String destinationOs) {
        return destinationOs != null && ALL.contains(destinationOs);
    }

    public static String displayName(String destinationOs) {
        return switch (destinationOs) {
            case "alinux2" -> "Alibaba Cloud Linux 2";
            case "alinux3" -> "Alibaba Cloud Linux 3";
            case "anolis7" -> "Anolis OS 7";
            case "anolis8" -> "Anolis OS 8";
            case "rhel7" -> "Red Hat Enterprise Linux 7";
            case "rhel8" -> "Red Hat Enterprise Linux 8";
            default -> destinationOs;
        };
    }
}
