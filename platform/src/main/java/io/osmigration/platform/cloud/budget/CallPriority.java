package io.osmigration.platform.cloud.budget;

import java.time.Duration;
import java.util.Map;

/**
 * How much an ECS call matters when the account's call budget is short. Waiting calls are admitted in this order,
 * then first come, first served; {@link #defaultFor(String)} gives each action its usual priority and a caller that
 * knows better says so ({@code ecs.call(request, CallPriority.ROLLBACK)}).
 *
 * <p>Across replicas the order holds too: a priority may book the shared budget only while the account's backlog
 * (how far ahead of now the budget is already booked) is below its {@link #horizon()}. When step calls keep the
 * backlog above the horizon of polls, polls wait until the steps are through.
 */
public enum CallPriority {

    /** Puts a server back as it was (rollback): the last call to delay. */
    ROLLBACK(Duration.ofMillis(500)),

    /** Moves a job forward or reads a running step's result: RunCommand, DescribeInvocationResults, CreateSnapshot. */
    STEP(Duration.ofMillis(300)),

    /** Looks at status or tidies up (online status, inventory, releasing snapshots): the first to wait. */
    POLL(Duration.ofMillis(100));

    private static final Map<String, CallPriority> BY_ACTION = Map.of(
            "ResetDisk", ROLLBACK,
            "DescribeInstances", POLL,
            "DescribeInstanceStatus", POLL,
            "DescribeCloudAssistantStatus", POLL,
            "DeleteSnapshot", POLL);

    private final Duration horizon;

    CallPriority(Duration horizon) {
        this.horizon = horizon;
    }

    /** The usual priority of an ECS action: {@link #STEP} unless the action is a status read or a rollback. */
    public static CallPriority defaultFor(String action) {
        return BY_ACTION.getOrDefault(action, STEP);
    }

    /** How far ahead of now calls of this priority may book the account's budget. */
    Duration horizon() {
        return horizon;
    }
}
