package io.osmigration.snapshot.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When to read a job's snapshot progress again: {@code first} after the snapshots were asked for, then after half the
 * time waited so far (a large disk that takes half an hour is read about a dozen times), at most every {@code max}.
 * Every time is rounded up to a multiple of {@code first}, so the jobs of a fleet that started within one such tick
 * are read together, in one call.
 */
public record PollSchedule(Duration first, Duration max) {

    public PollSchedule {
        if (first == null || first.isNegative() || first.isZero()) {
            throw new IllegalArgumentException("first must be positive, was " + first);
        }
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
        long tick = first.toMillis();
        long at = now.plus(wait).toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(at + tick - 1, tick) * tick);
    }
}
