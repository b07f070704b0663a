package io.osmigration.platform.metrics;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read from the database for gauges, read again at most once per {@code maxAge}: every gauge of a scrape
 * (one per state, per destination, …) shares one query, and many scrapers (or a scrape every second) cost no more
 * than one query per {@code maxAge}. A failed read keeps the last value (and logs), so a scrape never fails because
 * MongoDB is briefly away.
 */
public final class CachedReading<T> {

    private static final Logger log = LoggerFactory.getLogger(CachedReading.class);

    private final Supplier<T> reader;
    private final long maxAgeNanos;
    private T value;
    private long readAt;
    private boolean read;

    private CachedReading(Supplier<T> reader, T initial, Duration maxAge) {
        this.reader = reader;
        this.value = initial;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** {@code initial} until the first read succeeds. */
    public static <T> CachedReading<T> of(Duration maxAge, T initial, Supplier<T> reader) {
        return new CachedReading<>(reader, initial, maxAge);
    }

    public synchronized T get() {
        long now = System.nanoTime();
        if (!read || now - readAt >= maxAgeNanos) {
            try {
                value = reader.get();
            } catch (RuntimeException e) {
                log.warn("Could not read a metric's value (keeping the last one): {}", e.toString());
            }
            read = true;
            readAt = now;
        }
        return value;
    }
}
