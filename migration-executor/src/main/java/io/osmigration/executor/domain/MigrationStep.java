package io.osmigration.executor.domain;

import java.util.List;

/** The steps run on the instance, in order, each one script. */
public enum MigrationStep {
    PREPARE, UPGRADE, REBOOT, VERIFY;

    public static final List<MigrationStep> ORDER = List.of(values());

    /** The script resource name under {@code io/osmigration/executor/scripts/}. */
    public String script() {
        return name().toLowerCase(java.util.Locale.ROOT) + ".sh";
    }
}
