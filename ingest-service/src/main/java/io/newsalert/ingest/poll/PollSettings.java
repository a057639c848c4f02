package io.newsalert.ingest.poll;

import io.newsalert.events.Topics;
import java.time.Duration;

/**
 * How the poller schedules.
 *
 * @param tick how often due feeds are looked for
 * @param minInterval no feed is polled more often than this, whatever it asks
 * @param maxBackoff the longest wait after errors, and the cap on a server's max-age/Retry-After
 *     (never below the feed's own interval)
 * @param jitter fraction (0..1) by which every delay is varied, so feeds do not poll in lockstep
 * @param workers feeds fetched at the same time by one instance
 * @param recentIds item ids remembered per feed; more than any feed shows at once
 * @param staleAfter a feed without success for this long counts as stale
 * @param groupId the consumer group on {@code news.feeds} whose partitions decide who polls what
 * @param feedsTopic the feed registry, {@code news.feeds} (other names only to isolate tests)
 * @param stateTopic the per-feed state, {@code news.feeds.state}
 */
public record PollSettings(Duration tick, Duration minInterval, Duration maxBackoff, double jitter, int workers,
        int recentIds, Duration staleAfter, String groupId, Duration kafkaTimeout, String feedsTopic,
        String stateTopic) {

    /**
     * How long to wait before the next poll of a feed polled every {@code feedInterval}: after a
     * success its interval (never below {@link #minInterval}), stretched by the server's
     * max-age; after {@code errors} failures in a row the minimum interval, doubled per further
     * failure — one failed poll (a timeout, a 502 during a deploy) is retried within a minute
     * instead of a feed's interval or two later, as a story must not wait for it; a feed that keeps
     * failing backs off to {@link #maxBackoff}. A server's Retry-After is respected. Without jitter.
     */
    public Duration delay(Duration feedInterval, int errors, Duration serverHint) {
        Duration interval = feedInterval.compareTo(minInterval) < 0 ? minInterval : feedInterval;
        Duration delay = errors > 0 ? minInterval.multipliedBy(1L << Math.min(errors - 1, 30)) : interval;
        if (serverHint != null && serverHint.compareTo(delay) > 0) {
            delay = serverHint;
        }
        Duration cap = maxBackoff.compareTo(interval) > 0 ? maxBackoff : interval;
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    public static PollSettings defaults() {
        return new PollSettings(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofHours(2), 0.1, 8, 1000,
                Duration.ofHours(3), "newsalert-ingest", Duration.ofSeconds(30), Topics.FEEDS, Topics.FEED_STATE);
    }
}
