package io.newsalert.ingest.fetch;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an HTTP response says about when to ask again: the one place polling politeness is read
 * from headers (Cache-Control max-age, Expires, Retry-After).
 */
public final class ResponseHints {

    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])(?:s-)?max-age\\s*=\\s*\"?(\\d+)");

    private ResponseHints() {}

    /** How long the response may be cached, or null when it says nothing or forbids caching. */
    public static Duration maxAge(HttpHeaders headers, Instant now) {
        Optional<String> cc = headers.firstValue("Cache-Control");
        if (cc.isPresent()) {
            String v = cc.get().toLowerCase(Locale.ROOT);
            if (v.contains("no-cache") || v.contains("no-store")) {
                return null;
            }
            Matcher m = MAX_AGE.matcher(v);
            if (m.find()) {
                return seconds(m.group(1));
            }
        }
        return headers.firstValue("Expires").map(e -> untilDate(e, now)).orElse(null);
    }

    /** Retry-After as delay-seconds or HTTP-date; null when absent or unreadable. */
    public static Duration retryAfter(HttpHeaders headers, Instant now) {
        return headers.firstValue("Retry-After").map(String::strip).map(v -> v.matches("\\d+") ? seconds(v)
                : untilDate(v, now)).orElse(null);
    }

    private static Duration seconds(String digits) {
        try {
            return Duration.ofSeconds(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return null; // absurdly large: treat as no hint; the poller caps delays anyway
        }
    }

    private static Duration untilDate(String httpDate, Instant now) {
        try {
            Instant at = ZonedDateTime.parse(httpDate.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null; // "Expires: 0" and other junk mean "already expired"
        }
    }
}
