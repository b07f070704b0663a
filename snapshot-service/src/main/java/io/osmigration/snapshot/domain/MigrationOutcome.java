package io.osmigration.snapshot.domain;

/** How the migration protected by a job's snapshots ended. */
public enum MigrationOutcome {
    COMPLETED, FAILED
}
