package io.osmigration.executor.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.osmigration.executor.domain.Job;
import io.osmigration.executor.domain.JobChange;
import io.osmigration.executor.domain.PlannedStep;
import io.osmigration.executor.job.JobStore;

/**
 * Durations from the changes the job store writes, so every replica records what it did, once:
 * <ul>
 * <li>{@code osm_step_duration_seconds{step, outcome, destination}}: each step of a plan (and the drill, step
 * {@code DRILL}) from its start to its end, {@code outcome} SUCCEEDED or FAILED;</li>
 * <li>{@code osm_phase_duration_seconds{phase, next, destination}}: how long a job stayed in a state (PRECHECKING,
 * SNAPSHOTTING, DRILLING, AWAITING_APPROVAL, MIGRATING, …) before it moved to {@code next};</li>
 * <li>{@code osm_job_transitions_total{from, to, destination}}: the moves themselves.</li>
 * </ul>
 * Histograms with buckets from a second to six hours: an upgrade runs offline for tens of minutes.
 */
@Component
class JobMetrics implements JobStore.ChangeObserver {

    static final String STEP_DURATION = "osm.step.duration";
    static final String PHASE_DURATION = "osm.phase.duration";
    static final String TRANSITIONS = "osm.job.transitions";
    private static final Duration[] BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(2), Duration.ofHours(6)};

    private final MeterRegistry registry;

    JobMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void stored(Job before, JobChange change) {
        Job after = change.job();
        String destination = String.valueOf(after.destinationOs());
        stepEnded(before.drill(), after.drill(), destination);
        Map<String, PlannedStep> earlier = before.steps().stream()
                .collect(Collectors.toMap(PlannedStep::name, Function.identity(), (a, b) -> a));
        for (PlannedStep step : after.steps()) {
            stepEnded(earlier.get(step.name()), step, destination);
        }
        if (change.transition() != null && before.state() != after.state()) {
            String from = before.state().name();
            String to = after.state().name();
            Duration stayed = between(before.stateSince(), after.stateSince());
            if (stayed != null) {
                timer(PHASE_DURATION, "How long jobs stayed in a state", List.of("phase", from, "next", to,
                        "destination", destination)).record(stayed);
            }
            Counter.builder(TRANSITIONS).description("Job state changes").tags("from", from, "to", to,
                    "destination", destination).register(registry).increment();
        }
    }

    private void stepEnded(PlannedStep before, PlannedStep after, String destination) {
        if (after == null || !after.isDone() || before != null && before.isDone()) {
            return;
        }
        Duration took = between(after.startedAt(), after.finishedAt());
        if (took != null) {
            timer(STEP_DURATION, "Steps run on instances, from start to end", List.of("step", after.name(),
                    "outcome", after.status().name(), "destination", destination)).record(took);
        }
    }

    private Timer timer(String name, String description, List<String> tags) {
        return Timer.builder(name).description(description).tags(tags.toArray(String[]::new))
                .serviceLevelObjectives(BUCKETS).minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofHours(12)).register(registry);
    }

    private static Duration between(Instant start, Instant end) {
        if (start == null || end == null || end.isBefore(start)) {
            return null;
        }
        return Duration.between(start, end);
    }
}
