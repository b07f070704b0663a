package io.osmigration.registry.activation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.osmigration.registry.RegistryProperties;

/**
 * Counts failed attempts (unknown activation codes) per client address in a fixed window, so that nobody can try codes
 * at speed. Per replica and in memory: a restart forgets, which is acceptable for a brake on guessing 256-bit codes.
 */
@Component
class FailedAttempts {

    private static final int MAX_TRACKED_ADDRESSES = 100_000;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final int limit;
    private final Duration window;
    private final Clock clock;

    FailedAttempts(RegistryProperties properties, Clock clock) {
        this.limit = properties.activationFailureLimit();
        this.window = properties.activationFailureWindow();
        this.clock = clock;
    }

    /** How long the address must wait before trying again; zero when it may try now. */
    Duration blockedFor(String address) {
        Instant now = clock.instant();
        Window current = windows.get(address);
        if (current == null || current.endsAt().isBefore(now) || current.failures() < limit) {
            return Duration.ZERO;
        }
        return Duration.between(now, current.endsAt());
    }

    void recordFailure(String address) {
        Instant now = clock.instant();
        if (windows.size() > MAX_TRACKED_ADDRESSES) {
            windows.values().removeIf(w -> w.endsAt().isBefore(now));
        }
        windows.compute(address, (key, current) -> current == null || current.endsAt().isBefore(now)
                ? new Window(now.plus(window), 1)
                : new Window(current.endsAt(), current.failures() + 1));
    }

    /** Forgets every address (tests, and operators via a restart). */
    void reset() {
        windows.clear();
    }

    private record Window(Instant endsAt, int failures) {
    }
}
