package io.osmigration.executor.domain;

import java.util.List;

/**
 * Which steps a job runs: the drill, and the plan of its migration. The plan is data stored with the job, so the
 * state machine never needs to know a step by name; a catalogue of recipes (per source and destination OS: install
 * the tool, preflight, remediate, migrate, wait through reboots, verify) plugs in here.
 */
public interface MigrationRecipes {

    /** The rehearsal run in DRILLING; it must not change the instance. */
    StepSpec drill(Job job);

    /** The steps run in MIGRATING, in order; planned when the job enters MIGRATING. */
    List<StepSpec> plan(Job job);
}
