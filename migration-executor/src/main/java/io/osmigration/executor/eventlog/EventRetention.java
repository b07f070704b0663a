package io.osmigration.executor.eventlog;

import java.time.Duration;

import org.springframework.stereotype.Component;

import io.osmigration.executor.ExecutorProperties;
import io.osmigration.platform.work.BackgroundLoop;

/**
 * Keeps the event history to {@code osm.executor.events.retention}: a few times per retention period (at most every
 * ten minutes) one indexed delete of what is older. Done here rather than by a TTL index so that it works the same
 * on the embedded MongoDB (which has no TTL monitor) and keeps the history a gap-free tail.
 */
@Component
class EventRetention extends BackgroundLoop {

    private final EventStore store;
    private final Duration retention;
    private final Duration interval;

    EventRetention(EventStore store, ExecutorProperties properties) {
        super("event-retention");
        this.store = store;
        this.retention = properties.events().retention();
        Duration tenth = retention.dividedBy(10);
        this.interval = tenth.compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(10)
                : tenth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : tenth;
    }

    @Override
    public int runOnce() {
        store.purgeOlderThan(retention);
        return 0;
    }

    @Override
    protected Duration idleWait() {
        return interval;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 700;
    }
}
