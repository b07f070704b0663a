package io.osmigration.notification.domain;

import java.time.Duration;

/** Exponential back-off between delivery attempts, then give up and record the failure. */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** Delay before attempt {@code attempt + 1}, after {@code attempt} (1-based) failed. */
    public Duration backoffAfter(int attempt) {
        long factor = 1L << Math.min(Math.max(attempt - 1, 0), 20);
        Duration delay = initialBackoff.multipliedBy(factor);
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }

    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
