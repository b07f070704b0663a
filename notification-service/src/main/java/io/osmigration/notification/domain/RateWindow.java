package io.osmigration.notification.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Sends to one DingTalk robot: at most {@code limit} within any {@code window} (DingTalk allows 20 a minute and
 * refuses a robot's messages for ten minutes beyond that).
 *
 * <p>Half the budget may go at once; after that sends are spaced {@code window / limit} apart, so a burst of
 * notifications never exhausts the window: what arrives meanwhile waits and goes out grouped in the next message.
 * Not thread-safe: {@code RobotRateLimits} loads it, acquires and stores it back under an optimistic lock, so replicas
 * share one window per robot.
 */
public final class RateWindow {

    private final int limit;
    private final int burst;
    private final Duration window;
    private final Duration spacing;
    private final Deque<Instant> sends = new ArrayDeque<>();

    public RateWindow(int limit, Duration window) {
        this.limit = limit;
        this.burst = Math.max(1, limit / 2);
        this.window = window;
        this.spacing = window.dividedBy(limit);
    }

    /** A window holding earlier sends (oldest first), as stored. */
    public static RateWindow of(int limit, Duration window, java.util.List<Instant> sends) {
        RateWindow rateWindow = new RateWindow(limit, window);
        sends.stream().sorted().forEach(rateWindow.sends::addLast);
        return rateWindow;
    }

    /** The sends still inside the window at {@code now}, oldest first. */
    public java.util.List<Instant> sends(Instant now) {
        evict(now);
        return java.util.List.copyOf(sends);
    }

    /** Records a send at {@code now} if one is allowed now; returns whether it was. */
    public boolean tryAcquire(Instant now) {
        if (nextAllowed(now).isAfter(now)) {
            return false;
        }
        sends.addLast(now);
        return true;
    }

    /** When the next send will be allowed ({@code now} if it is). */
    public Instant nextAllowed(Instant now) {
        evict(now);
        if (sends.size() >= limit) {
            return sends.peekFirst().plus(window);
        }
        if (sends.size() >= burst) {
            Instant spaced = sends.peekLast().plus(spacing);
            return spaced.isAfter(now) ? spaced : now;
        }
        return now;
    }

    /** Sends within the window ending at {@code now}. */
    public int used(Instant now) {
        evict(now);
        return sends.size();
    }

    private void evict(Instant now) {
        while (!sends.isEmpty() && !sends.peekFirst().plus(window).isAfter(now)) {
            sends.removeFirst();
        }
    }
}
