package io.osmigration.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void allowsABurstThenRefillsPerAction() {
        AtomicLong nanos = new AtomicLong();
        RateLimiter limiter = new RateLimiter(3, nanos::get);

        assertThat(limiter.tryAcquire("A")).isTrue();
        assertThat(limiter.tryAcquire("A")).isTrue();
        assertThat(limiter.tryAcquire("A")).isTrue();
        assertThat(limiter.tryAcquire("A")).isFalse();
        assertThat(limiter.tryAcquire("B")).as("buckets are per action").isTrue();

        nanos.addAndGet(1_000_000_000L / 3 + 1);
        assertThat(limiter.tryAcquire("A")).isTrue();
        assertThat(limiter.tryAcquire("A")).isFalse();
    }
}
