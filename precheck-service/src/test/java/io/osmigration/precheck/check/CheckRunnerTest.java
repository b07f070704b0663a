package io.osmigration.precheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class CheckRunnerTest {

    @Test
    void runsAtMostTheConfiguredNumberAtOnce() {
        try (CheckRunner runner = new CheckRunner(2, Duration.ofSeconds(30))) {
            AtomicInteger running = new AtomicInteger();
            AtomicInteger peak = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            CountDownLatch release = new CountDownLatch(1);
            for (int i = 0; i < 6; i++) {
                runner.submit("c" + i, () -> {
                    peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    done.incrementAndGet();
                }, () -> { });
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 2);
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> done.get() == 6);
            assertThat(peak.get()).isEqualTo(2);
        }
    }

    @Test
    void aHangingCheckTimesOutAndDoesNotHoldUpTheOthers() {
        try (CheckRunner runner = new CheckRunner(1, Duration.ofMillis(300))) {
            Set<String> timedOut = ConcurrentHashMap.newKeySet();
            Set<String> finished = ConcurrentHashMap.newKeySet();
            runner.submit("dead", () -> {
                try {
                    new CountDownLatch(1).await(); // an instance that never answers
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, () -> timedOut.add("dead"));
            runner.submit("healthy", () -> finished.add("healthy"), () -> timedOut.add("healthy"));
            await().atMost(Duration.ofSeconds(5)).until(() -> finished.contains("healthy"));
            assertThat(timedOut).containsExactly("dead");
        }
    }
}
