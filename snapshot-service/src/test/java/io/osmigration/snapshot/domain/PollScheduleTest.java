package io.osmigration.snapshot.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class PollScheduleTest {

    private static final PollSchedule SCHEDULE = new PollSchedule(Duration.ofSeconds(1), Duration.ofMinutes(1),
            Duration.ofSeconds(2));
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.300Z");

    @Test
    void theFirstReadComesAfterFirstOnTheNextTick() {
        // 0.3 s + 1 s = 1.3 s, rounded up to the 2-second tick: 2 s.
        assertThat(SCHEDULE.next(T0, T0)).isEqualTo(Instant.parse("2026-01-01T00:00:02Z"));
    }

    @Test
    void jobsStartedWithinOneTickAreReadAtTheSameTime() {
        Instant a = Instant.parse("2026-01-01T00:00:00.100Z");
        Instant b = Instant.parse("2026-01-01T00:00:00.900Z");
        assertThat(SCHEDULE.next(a, a)).isEqualTo(SCHEDULE.next(b, b));
    }

    @Test
    void laterReadsWaitHalfTheTimeWaitedSoFarUpToTheCeiling() {
        Instant tenMinutesLater = T0.plus(Duration.ofMinutes(10));
        assertThat(SCHEDULE.next(T0, T0.plusSeconds(20))).isEqualTo(Instant.parse("2026-01-01T00:00:32Z"));
        assertThat(SCHEDULE.next(T0, tenMinutesLater)).isBetween(tenMinutesLater.plusSeconds(60),
                tenMinutesLater.plusSeconds(62));
    }

    @Test
    void aLargeDisksHalfHourSnapshotIsReadAboutTwoDozenTimes() {
        Instant now = T0;
        int reads = 0;
        while (now.isBefore(T0.plus(Duration.ofMinutes(30)))) {
            now = SCHEDULE.next(T0, now);
            reads++;
        }
        assertThat(reads).isBetween(20, 45);
    }

    @Test
    void aCeilingBelowTheFirstReadIsRefused() {
        assertThatThrownBy(() -> new PollSchedule(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .hasMessageContaining("max");
        assertThatThrownBy(() -> new PollSchedule(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ZERO))
                .hasMessageContaining("tick");
    }
}
