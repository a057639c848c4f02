package io.newsalert.alert.dispatch.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try again: a configurable schedule of delays (default 5 s, 30 s, 2 min, 10 min, 1 h, 6 h),
 * each spread by a random jitter so that many failed deliveries do not all come back at the same
 * moment, and stretched to an endpoint's {@code Retry-After} when it asks for more time.
 *
 * @param schedule the delay before the 2nd, 3rd, … try; its length is the number of retries
 * @param jitter the fraction a delay may be shortened or lengthened by, 0 to 1
 * @param maxRetryAfter the most we wait when an endpoint's {@code Retry-After} asks for longer
 */
public record RetryPolicy(List<Duration> schedule, double jitter, Duration maxRetryAfter) {

    public static final List<Duration> DEFAULT_SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(6));

    public RetryPolicy {
        schedule = List.copyOf(schedule);
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("retry jitter must be between 0 and 1, was " + jitter);
        }
    }

    /** How many tries in all: the first one and one per scheduled delay. */
    public int maxAttempts() {
        return schedule.size() + 1;
    }

    /**
     * The delay before the next try after {@code attemptsSoFar} failed tries, or empty when the
     * schedule is used up and the delivery is dead.
     */
    public Optional<Duration> nextDelay(int attemptsSoFar, Duration retryAfter) {
        if (attemptsSoFar < 1 || attemptsSoFar > schedule.size()) {
            return Optional.empty();
        }
        Duration base = schedule.get(attemptsSoFar - 1);
        double factor = 1 + (ThreadLocalRandom.current().nextDouble() * 2 - 1) * jitter;
        Duration delay = Duration.ofMillis(Math.max(1, Math.round(base.toMillis() * factor)));
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
        }
        return Optional.of(delay);
    }

    /** What an HTTP status means for the delivery. */
    public static Verdict classify(int httpStatus) {
        if (httpStatus >= 200 && httpStatus < 300) {
            return Verdict.DELIVERED;
        }
        if (httpStatus == 408 || httpStatus == 429 || httpStatus >= 500) {
            return Verdict.RETRY;
        }
        // Any other answer (3xx: we do not follow redirects to unchecked targets; 4xx) says the
        // endpoint will not take this, and asking again will not change that.
        return Verdict.PERMANENT;
    }

    /**
     * Reads a {@code Retry-After} header: delay-seconds or an HTTP date (RFC 9110). Empty when absent
     * or unreadable (then the schedule alone decides).
     */
    public static Optional<Duration> parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
