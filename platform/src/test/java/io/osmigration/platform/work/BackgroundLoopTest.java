package io.osmigration.platform.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class BackgroundLoopTest {

    @Test
    void theWaitAfterFailedRoundsDoublesUpToItsCap() {
        FailingLoop loop = new FailingLoop(Integer.MAX_VALUE, Duration.ofSeconds(1));

        assertThat(loop.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(loop.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(loop.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(loop.backoff(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(loop.backoff(1000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void failedRoundsNeverKillTheLoopAndItGoesOnOnceTheyPass() {
        FailingLoop loop = new FailingLoop(3, Duration.ofMillis(10));
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> loop.succeeded.get() >= 1);
            assertThat(loop.rounds.get()).isGreaterThanOrEqualTo(4);
            assertThat(loop.isRunning()).isTrue();
        } finally {
            loop.stop();
        }
    }

    @Test
    void wakeUpsDoNotShortenTheBackOffAfterAFailure() {
        FailingLoop loop = new FailingLoop(Integer.MAX_VALUE, Duration.ofMinutes(1));
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> loop.rounds.get() == 1);
            // Whoever queues work wakes the loop; while the database is away that must not turn into a busy loop.
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> {
                loop.wakeUp();
                return loop.rounds.get() == 1;
            });
        } finally {
            loop.stop();
        }
        assertThat(loop.isRunning()).isFalse();
    }

    /** Fails its first {@code failures} rounds, then does one unit of work per round. */
    private static final class FailingLoop extends BackgroundLoop {
        private final int failures;
        private final Duration errorWait;
        final AtomicInteger rounds = new AtomicInteger();
        final AtomicInteger succeeded = new AtomicInteger();

        FailingLoop(int failures, Duration errorWait) {
            super("failing-loop");
            this.failures = failures;
            this.errorWait = errorWait;
        }

        @Override
        public int runOnce() {
            if (rounds.incrementAndGet() <= failures) {
                throw new IllegalStateException("database away");
            }
            succeeded.incrementAndGet();
            return 0;
        }

        @Override
        protected Duration idleWait() {
            return Duration.ofMillis(10);
        }

        @Override
        protected Duration errorWait() {
            return errorWait;
        }
    }
}
