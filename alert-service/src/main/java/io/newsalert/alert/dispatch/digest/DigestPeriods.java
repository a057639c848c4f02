package io.newsalert.alert.dispatch.digest;

import io.newsalert.events.Frequency;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Digest periods in the subscriber's own time zone: an hourly digest covers one local clock hour, a
 * daily digest one local calendar day (23 or 25 hours across a daylight-saving change), so "daily"
 * arrives at local midnight wherever the subscriber lives.
 */
public final class DigestPeriods {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Berlin");

    private DigestPeriods() {}

    /** Start and end of the period {@code at} falls in. */
    public record Period(Instant start, Instant end) {}

    public static Period periodOf(Frequency frequency, String timezone, Instant at) {
        ZonedDateTime local = at.atZone(zoneOf(timezone));
        return switch (frequency) {
            case hourly -> {
                ZonedDateTime start = local.truncatedTo(ChronoUnit.HOURS);
                yield new Period(start.toInstant(), start.plusHours(1).toInstant());
            }
            case daily -> {
                ZonedDateTime start = local.toLocalDate().atStartOfDay(local.getZone());
                yield new Period(start.toInstant(), local.toLocalDate().plusDays(1).atStartOfDay(local.getZone()).toInstant());
            }
            case immediate -> throw new IllegalArgumentException("an immediate subscription has no digest period");
        };
    }

    /** The subscription's zone; an unknown zone falls back to Europe/Berlin rather than losing the match. */
    public static ZoneId zoneOf(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return DEFAULT_ZONE;
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            return DEFAULT_ZONE;
        }
    }
}
