package io.newsalert.alert.dispatch.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.events.Frequency;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class DigestPeriodsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void hourlyIsTheLocalClockHour() {
        Instant at = ZonedDateTime.of(2026, 11, 28, 14, 37, 0, 0, ZoneId.of("Asia/Kolkata")).toInstant();
        DigestPeriods.Period p = DigestPeriods.periodOf(Frequency.hourly, "Asia/Kolkata", at);
        // India is UTC+5:30: its hours start at half past the UTC hour
        assertThat(p.start()).isEqualTo(Instant.parse("2026-11-28T08:30:00Z"));
        assertThat(p.end()).isEqualTo(Instant.parse("2026-11-28T09:30:00Z"));
    }

    @Test
    void dailyIsTheLocalCalendarDay_23HoursWhenTheClocksGoForward() {
        Instant at = ZonedDateTime.of(2026, 3, 29, 12, 0, 0, 0, BERLIN).toInstant();
        DigestPeriods.Period p = DigestPeriods.periodOf(Frequency.daily, "Europe/Berlin", at);
        assertThat(p.start()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(p.end()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
        assertThat(Duration.between(p.start(), p.end())).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void theDefaultZoneIsBerlin() {
        Instant at = Instant.parse("2026-11-28T23:30:00Z"); // already 00:30 on the 29th in Berlin
        DigestPeriods.Period p = DigestPeriods.periodOf(Frequency.daily, null, at);
        assertThat(p.start()).isEqualTo(Instant.parse("2026-11-28T23:00:00Z"));
    }
}
