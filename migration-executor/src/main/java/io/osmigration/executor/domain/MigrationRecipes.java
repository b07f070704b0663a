package io.osmigration.executor.domain;

import java.util.List;

/**
 * Which steps a job runs: the drill, and the plan of its migration. The plan is data stored with the job, so the
 * state machine never needs to know a step by name. The executor's implementation builds both from the migration
 * catalogue's recipe for the job's path (install the tool, its own check, answers, remedies the batch allowed,
 * migrate, restart through the offline phase, verify).
 */
public interface MigrationRecipes {

    String DRILL = "DRILL";
    String INSTALL = "INSTALL";
    String ANSWER = "ANSWER";
    String UPGRADE = "UPGRADE";
    String REBOOT = "REBOOT";
    String VERIFY = "VERIFY";
    /** Prefix of a remedy's step: {@code REMEDIATE_<finding code>}. */
    String REMEDIATE = "REMEDIATE_";

    /** The rehearsal run in DRILLING: installs the tool and runs its check; it must not migrate anything. */
    StepSpec drill(Job job);

    /** The steps run in MIGRATING, in order; planned when the job enters MIGRATING. */
    List<StepSpec> plan(Job job);

    /**
     * Whether the plan remedies findings of this code itself (the batch names it in {@code autoRemediate} and the
     * recipe knows a remedy): such a finding of the drill does not block the job.
     */
    default boolean remedies(Job job, String findingCode) {
        return false;
    }
}
