package io.osmigration.executor.domain;

import java.time.Duration;
import java.util.List;

/**
 * Today's recipe for every source and destination: {@code PREPARE, UPGRADE, REBOOT, VERIFY} with the project's
 * scripts (Leapp), and {@code drill.sh} (leapp preupgrade) as the drill.
 */
public final class StandardRecipe implements MigrationRecipes {

    public static final String PREPARE = "PREPARE";
    public static final String UPGRADE = "UPGRADE";
    public static final String REBOOT = "REBOOT";
    public static final String VERIFY = "VERIFY";
    public static final String DRILL = "DRILL";

    private final StepSpec drill;
    private final List<StepSpec> plan;

    public StandardRecipe(Duration prepareTimeout, Duration upgradeTimeout, Duration rebootTimeout,
                          Duration verifyTimeout, Duration drillTimeout) {
        this.drill = new StepSpec(DRILL, "drill.sh", StepKind.RUN_SCRIPT, drillTimeout, Compensation.NONE);
        this.plan = List.of(
                new StepSpec(PREPARE, "prepare.sh", StepKind.RUN_SCRIPT, prepareTimeout, Compensation.ROLL_BACK_DISKS),
                new StepSpec(UPGRADE, "upgrade.sh", StepKind.RUN_SCRIPT, upgradeTimeout, Compensation.ROLL_BACK_DISKS),
                new StepSpec(REBOOT, "reboot.sh", StepKind.RUN_SCRIPT_AND_AWAIT_REBOOT, rebootTimeout,
                        Compensation.ROLL_BACK_DISKS),
                new StepSpec(VERIFY, "verify.sh", StepKind.RUN_SCRIPT, verifyTimeout, Compensation.NONE));
    }

    @Override
    public StepSpec drill(Job job) {
        return drill;
    }

    @Override
    public List<StepSpec> plan(Job job) {
        return plan;
    }
}
