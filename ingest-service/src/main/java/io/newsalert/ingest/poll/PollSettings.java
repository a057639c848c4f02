package io.newsalert.ingest.poll;

import io.newsalert.events.Topics;
import java.time.Duration;

/**
 * How the poller schedules.
 *
 * @param tick how often due feeds are looked for
 * @param minInterval no feed is polled more often than this, whatever it asks
 * @param maxBackoff the longest wait after errors, and the cap on a server's max-age/Retry-After
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

    public static PollSettings defaults() {
        return new PollSettings(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofHours(2), 0.1, 8, 1000,
                Duration.ofHours(3), "newsalert-ingest", Duration.ofSeconds(30), Topics.FEEDS, Topics.FEED_STATE);
    }
}
