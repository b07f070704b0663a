package io.osmigration.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per action, like ECS's per-API flow control: a burst of {@code perSecond} calls,
 * refilled continuously at {@code perSecond} per second.
 */
final class RateLimiter {

    private final double perSecond;
    private final LongSupplier nanoClock;
    private final Map<String, double[]> buckets = new HashMap<>(); // action -> {tokens, lastRefillNanos}

    RateLimiter(int perSecond, LongSupplier nanoClock) {
        this.perSecond = perSecond;
        this.nanoClock = nanoClock;
    }

    synchronized boolean tryAcquire(String action) {
        long now = nanoClock.getAsLong();
        double[] bucket = buckets.computeIfAbsent(action, a -> new double[] {perSecond, now});
        double elapsedSeconds = (now - (long) bucket[1]) / 1_000_000_000.0;
        bucket[0] = Math.min(perSecond, bucket[0] + elapsedSeconds * perSecond);
        bucket[1] = now;
        if (bucket[0] < 1.0) {
            return false;
        }
        bucket[0] -= 1.0;
        return true;
    }

    synchronized void clear() {
        buckets.clear();
    }
}
