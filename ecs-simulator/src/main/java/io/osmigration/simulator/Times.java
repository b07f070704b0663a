package io.osmigration.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** ECS time formats: seconds precision for most fields, minute precision for instance creation times. */
final class Times {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    static String seconds(Instant t) {
        return t == null ? null : SECONDS.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    static String minutes(Instant t) {
        return t == null ? null : MINUTES.format(t);
    }

    static Instant parseSeconds(String s) {
        return Instant.from(SECONDS.parse(s));
    }
}
