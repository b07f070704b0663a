package io.osmigration.executor.domain;

/** What makes a job change state: an event from a peer, an operator, the executor's own work, or the clock. */
public enum Trigger {
    RELEASE("the batch's wave has a free slot and the instance is in no other active job: JobReleased"),
    INSTANCE_BUSY("the batch's wave has a free slot but the instance is in another active job: finding INSTANCE_BUSY"),
    PRECHECK_PASSED("PrecheckPassed"),
    PRECHECK_FAILED("PrecheckFailed"),
    SNAPSHOTS_CREATED("SnapshotsCreated"),
    SNAPSHOTS_FAILED("SnapshotCreationFailed"),
    DRILL_PASSED("the drill's report named no CRITICAL item (or only ones the plan remedies): DrillCompleted"),
    DRILL_CRITICAL("the drill's report named a CRITICAL item: DrillCompleted"),
    DRILL_FAILED("the drill could not install the tool or run its check, left no readable report, or ECS refused it"),
    APPROVED("an operator's :start"),
    STEPS_DONE("the last step of the plan succeeded: MigrationCompleted"),
    STEP_FAILED("a step failed (script, timeout, permanent ECS error, retries exhausted): MigrationFailed"),
    INSTANCE_LOST("someone stopped, restarted or released the instance during the migration: MigrationFailed"),
    NO_INSTANCE("the source has no ECS instance id, so Cloud Assistant cannot reach it"),
    CANCEL("an operator cancels the job or its batch (a MIGRATING job stops at the next step boundary)"),
    DEADLINE("the state's deadline (osm.executor.deadlines.<state>) passed"),
    LATE_SNAPSHOTS("SnapshotsCreated for a job that already ended"),
    DISKS_ROLLED_BACK("DisksRolledBack"),
    ROLLBACK_UNCONFIRMED("no DisksRolledBack within osm.executor.deadlines.rollback-wait");

    private final String meaning;

    Trigger(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }
}
