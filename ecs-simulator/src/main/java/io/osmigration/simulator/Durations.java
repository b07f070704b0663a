package io.osmigration.simulator;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** ISO-8601 durations of the fleet file, with an error that says what was wrong. */
final class Durations {

    private Durations() {
    }

    static Duration parse(String iso) {
        try {
            Duration d = Duration.parse(iso);
            if (d.isNegative()) {
                throw new IllegalArgumentException("Duration '" + iso + "' must not be negative");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + iso + "' is not an ISO-8601 duration such as PT40M", e);
        }
    }
}
