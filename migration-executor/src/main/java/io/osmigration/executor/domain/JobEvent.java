package io.osmigration.executor.domain;

import java.util.List;

/**
 * What a change of a job tells the world, in domain terms; the store maps each to its Avro event and writes it with
 * the change (outbox). {@link #fact()} makes the event's id: the same fact of the same job is the same event.
 */
public sealed interface JobEvent {

    String fact();

    /** JobReleased: the job runs; precheck-service checks it. */
    record Released() implements JobEvent {
        public String fact() {
            return "released";
        }
    }

    /** MigrationStepDone. */
    record StepDone(PlannedStep step) implements JobEvent {
        public String fact() {
            return "step:" + step.name();
        }
    }

    /** DrillCompleted. */
    record DrillCompleted(List<Finding> items, boolean critical) implements JobEvent {
        public String fact() {
            return "drill";
        }
    }

    /** MigrationCompleted. */
    record Completed() implements JobEvent {
        public String fact() {
            return "completed";
        }
    }

    /**
     * MigrationFailed: the job ended without completing; snapshot-service rolls the disks back when
     * {@code rollbackRequired}. {@code cause} tells one such fact from another of the same job (the failure itself,
     * snapshots that arrived after it).
     */
    record Failed(String step, String reason, boolean rollbackRequired, String cause) implements JobEvent {
        public String fact() {
            return "failed:" + cause;
        }
    }
}
