package io.osmigration.executor.domain;

/** Whether a job rehearses the migration first, and whether it goes on by itself afterwards. */
public enum DrillMode {
    NONE, DRILL_ONLY, DRILL_AND_MIGRATE
}
