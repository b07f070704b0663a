package io.osmigration.snapshot.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When to read a job's snapshot progress again: {@code first} after the snapshots were asked for, then after half the
 * time waited so far (a large disk that takes half an hour is read a few dozen times), at most every {@code max}.
 * Every time is rounded up to a multiple of {@code tick}, so the jobs of a fleet that started within one tick are
 * read together, in one call: a longer tick shares more, a shorter one answers sooner.
 */
public record PollSchedule(Duration first, Duration max, Duration tick) {

    public PollSchedule {
        requirePositive("first", first);
        requirePositive("tick", tick);
        if (max == null || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("max must be at least first (" + first + "), was " + max);
        }
    }

    /** The next read of snapshots asked for at {@code since}, looking at {@code now}. */
    public Instant next(Instant since, Instant now) {
        Duration waited = Duration.between(since, now);
        Duration wait = waited.dividedBy(2);
        if (wait.compareTo(first) < 0) {
            wait = first;
        } else if (wait.compareTo(max) > 0) {
            wait = max;
        }
        long tickMs = tick.toMillis();
        long at = now.plus(wait).toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(at + tickMs - 1, tickMs) * tickMs);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
