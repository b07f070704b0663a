package io.osmigration.executor.domain;

import java.time.Duration;
import java.util.List;

/** A fixed plan for the state machine's tests (the lifecycle never knows a step by name): PREPARE, UPGRADE, REBOOT, VERIFY. */
final class FixedTestRecipe implements MigrationRecipes {

    @Override
    public StepSpec drill(Job job) {
        return new StepSpec(DRILL, "exit 0\n", StepKind.RUN_SCRIPT, Duration.ofHours(1), Compensation.NONE);
    }

    @Override
    public List<StepSpec> plan(Job job) {
        return List.of(
                new StepSpec("PREPARE", "exit 0\n", StepKind.RUN_SCRIPT, Duration.ofMinutes(10),
                        Compensation.ROLL_BACK_DISKS),
                new StepSpec(UPGRADE, "exit 0\n", StepKind.RUN_SCRIPT, Duration.ofHours(2), Compensation.ROLL_BACK_DISKS),
                new StepSpec(REBOOT, "exit 194\n", StepKind.RUN_SCRIPT_AND_AWAIT_REBOOT, Duration.ofMinutes(5),
                        Compensation.ROLL_BACK_DISKS, StepResultFormat.NONE, Duration.ofHours(2)),
                new StepSpec(VERIFY, "exit 0\n", StepKind.RUN_SCRIPT, Duration.ofMinutes(10), Compensation.NONE));
    }
}
