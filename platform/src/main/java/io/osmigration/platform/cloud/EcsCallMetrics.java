package io.osmigration.platform.cloud;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code osm_ecs_calls_total{action, outcome}}: every HTTP request the gateway sent to ECS, one per attempt, so a
 * retried call counts each try and the sum equals what ECS (or the simulator's call log) received. {@code outcome} is
 * {@code success} or ECS's error code ({@code Throttling}, {@code InvalidInstanceId.NotFound}, …; {@code SDK.*} codes
 * when the request never got an answer). Calls the account's budget refused to send are not calls:
 * {@code osm_ecs_budget_exhausted_total} counts them (the log names the action).
 */
final class EcsCallMetrics {

    static final String CALLS = "osm.ecs.calls";
    static final String BUDGET_EXHAUSTED = "osm.ecs.budget.exhausted";
    static final String SUCCESS = "success";

    private final MeterRegistry registry;
    private final Counter budgetExhausted;

    private EcsCallMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Registered at once, so the series exists (at 0) before the first call gives up.
        this.budgetExhausted = registry == null ? null : Counter.builder(BUDGET_EXHAUSTED)
                .description("ECS calls given up because the account's call budget had no room in time")
                .register(registry);
    }

    /** Records into {@code registry}; null: records nothing. */
    static EcsCallMetrics of(MeterRegistry registry) {
        return new EcsCallMetrics(registry);
    }

    void called(String action, String outcome) {
        if (registry != null) {
            Counter.builder(CALLS).description("ECS OpenAPI requests sent, by action and outcome (one per attempt)")
                    .tag("action", action).tag("outcome", outcome == null || outcome.isBlank() ? "unknown" : outcome)
                    .register(registry).increment();
        }
    }

    void budgetExhausted(String action) {
        if (budgetExhausted != null) {
            budgetExhausted.increment();
        }
    }
}
