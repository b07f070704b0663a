package io.osmigration.executor.domain;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * How long a job may stay in each state before it fails ({@code osm.executor.deadlines.<state>}); a state without an
 * entry has no deadline. {@code rollbackWait} bounds how long a failed job keeps its instance claimed while it waits
 * for DisksRolledBack.
 */
public record Deadlines(Map<JobState, Duration> perState, Duration rollbackWait) {

    public Deadlines {
        EnumMap<JobState, Duration> copy = new EnumMap<>(JobState.class);
        perState.forEach((state, duration) -> {
            if (duration != null) {
                if (state.isFinished()) {
                    throw new IllegalArgumentException("a terminal state has no deadline: " + state);
                }
                copy.put(state, duration);
            }
        });
        perState = Map.copyOf(copy);
    }

    public Optional<Duration> of(JobState state) {
        return Optional.ofNullable(perState.get(state));
    }

    /** The defaults of the state table ({@link JobLifecycle#STATES}). */
    public static Deadlines defaults() {
        Map<JobState, Duration> defaults = new EnumMap<>(JobState.class);
        JobLifecycle.STATES.forEach(rule -> rule.defaultDeadline().ifPresent(d -> defaults.put(rule.state(), d)));
        return new Deadlines(defaults, JobLifecycle.DEFAULT_ROLLBACK_WAIT);
    }
}
