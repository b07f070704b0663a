package io.osmigration.executor.eventlog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.osmigration.executor.ExecutorProperties;

/**
 * The highest sequence number up to which every number is stored, as this replica has seen it: readers deliver
 * nothing above it, so a number stored late (a slow writer) is never skipped. The watermark advances over the stored
 * numbers in order; when a number is missing while later ones are stored, it waits for the grace period, then closes
 * the gap ({@link EventStore#closeGap}) and goes on. Shared by every stream of this replica; advanced on demand, at
 * most as often as the streams poll.
 */
@Component
class SequenceWatermark {

    private static final Logger log = LoggerFactory.getLogger(SequenceWatermark.class);
    private static final int WINDOW = 2_000;
    private static final long PERSIST_EVERY = 1_000;

    private final EventStore store;
    private final Clock clock;
    private final Duration grace;
    private final Duration freshness;
    private long watermark = -1;
    private long persisted;
    private long missing = -1;
    private Instant missingSince;
    private Instant advancedAt = Instant.EPOCH;

    SequenceWatermark(EventStore store, Clock clock, ExecutorProperties properties) {
        this.store = store;
        this.clock = clock;
        this.grace = properties.events().gapGrace();
        this.freshness = properties.sseInterval().dividedBy(2);
    }

    /** The watermark as last advanced, without advancing it. */
    synchronized long latest() {
        return watermark;
    }

    /** The watermark, advanced first unless that was done a moment ago. */
    synchronized long current() {
        Instant now = clock.instant();
        if (watermark >= 0 && now.isBefore(advancedAt.plus(freshness))) {
            return watermark;
        }
        advance(now);
        advancedAt = clock.instant();
        return watermark;
    }

    private void advance(Instant now) {
        if (watermark < 0) {
            watermark = store.persistedWatermark();
            persisted = watermark;
        }
        while (true) {
            List<Long> stored = store.storedAmong(watermark, WINDOW);
            for (long seq : stored) {
                if (seq == watermark + 1) {
                    watermark = seq;
                } else {
                    break;
                }
            }
            boolean missingBelowStored = !stored.isEmpty() && stored.get(stored.size() - 1) > watermark;
            if (missingBelowStored) {
                if (!waitedOutGap(watermark + 1, now)) {
                    persist();
                    return;
                }
                continue; // the gap was closed (or filled): walk on from the watermark
            }
            if (stored.size() < WINDOW) {
                persist();
                return;
            }
        }
    }

    /** A number is missing below stored ones: true once the gap is closed (after the grace period) or filled. */
    private boolean waitedOutGap(long seq, Instant now) {
        if (missing != seq) {
            missing = seq;
            missingSince = now;
            return false;
        }
        if (now.isBefore(missingSince.plus(grace))) {
            return false;
        }
        if (store.closeGap(seq)) {
            log.warn("Event number {} was taken but not stored within {}: closed as a gap", seq, grace);
        }
        missing = -1;
        return true;
    }

    private void persist() {
        if (watermark - persisted >= PERSIST_EVERY) {
            store.persistWatermark(watermark);
            persisted = watermark;
        }
    }
}
