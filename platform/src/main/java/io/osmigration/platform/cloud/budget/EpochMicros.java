package io.osmigration.platform.cloud.budget;

import java.time.Instant;

/** Wall-clock time in microseconds since the epoch: the unit of the budget's timeline, the same on every replica. */
@FunctionalInterface
interface EpochMicros {

    EpochMicros SYSTEM = () -> {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    };

    long now();
}
