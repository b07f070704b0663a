package io.osmigration.executor.domain;

/**
 * What has to be undone when a job ends before it completed. Known before the state (or the step) is entered, so a
 * job that fails in it always knows how to clean up after itself.
 */
public enum Compensation {
    NONE("nothing to undo"),
    SNAPSHOTS_UNUSED("MigrationFailed with rollbackRequired=false: the instance is unchanged; snapshot-service is told "
            + "the job's snapshots are no longer needed for it (once the job has snapshots: LATE_SNAPSHOTS otherwise)"),
    ROLL_BACK_DISKS("MigrationFailed with rollbackRequired=true: snapshot-service resets every disk to its snapshot; "
            + "the instance stays claimed until DisksRolledBack"),
    BY_STEPS_STARTED("ROLL_BACK_DISKS once a step that changes the instance has started, else SNAPSHOTS_UNUSED");

    private final String meaning;

    Compensation(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }
}
