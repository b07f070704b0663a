package io.osmigration.executor.domain;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many jobs of a batch are in each state, and how many of the ended ones still wait for a rollback.
 *
 * @param unsettled ended jobs whose rollback has not been confirmed yet (their state may still change)
 */
public record JobCounts(Map<JobState, Long> byState, long unsettled) {

    public JobCounts {
        EnumMap<JobState, Long> copy = new EnumMap<>(JobState.class);
        copy.putAll(byState);
        byState = Map.copyOf(copy);
    }

    public long of(JobState state) {
        return byState.getOrDefault(state, 0L);
    }

    public long total() {
        return byState.values().stream().mapToLong(Long::longValue).sum();
    }

    public long finished() {
        return byState.entrySet().stream().filter(e -> e.getKey().isFinished()).mapToLong(Map.Entry::getValue).sum();
    }

    public long failures() {
        return byState.entrySet().stream().filter(e -> e.getKey().isFailure()).mapToLong(Map.Entry::getValue).sum();
    }

    public long active() {
        return byState.entrySet().stream().filter(e -> e.getKey().isActive()).mapToLong(Map.Entry::getValue).sum();
    }

    public long pending() {
        return of(JobState.PENDING);
    }

    /** Jobs that will change by themselves no more. */
    public long settled() {
        return finished() - unsettled;
    }

    /** Per state name, only states that occur, as the API and BatchFinished show them. */
    public Map<String, Integer> asMap() {
        Map<String, Integer> map = new TreeMap<>();
        byState.forEach((state, count) -> {
            if (count > 0) {
                map.put(state.name(), count.intValue());
            }
        });
        return map;
    }
}
