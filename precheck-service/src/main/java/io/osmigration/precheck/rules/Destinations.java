package io.osmigration.precheck.rules;

import java.util.Set;

import io.osmigration.platform.catalogue.Destination;
import io.osmigration.platform.catalogue.MigrationCatalogue;

/** The destinations of the migration catalogue (platform), as the rules need them. */
public final class Destinations {

    private Destinations() {
    }

    public static Set<String> all() {
        return MigrationCatalogue.shipped().destinationIds();
    }

    public static boolean isKnown(String destinationOs) {
        return destinationOs != null && MigrationCatalogue.shipped().destination(destinationOs).isPresent();
    }

    /** Destinations with an EL8-class kernel and package set (kernel 4.18+/5.10, dnf, AppStream). */
    public static boolean el8Class(String destinationOs) {
        return MigrationCatalogue.shipped().destination(destinationOs).map(Destination::elMajor).orElse(0) == 8;
    }

    public static String displayName(String destinationOs) {
        return MigrationCatalogue.shipped().displayName(destinationOs);
    }
}
