package io.newsalert.ingest.poll;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the poller knows about one feed between polls (value of the compacted
 * {@code news.feeds.state}, key = feed id): validators for conditional GET, the recent item ids
 * with content hashes for dedupe and revisions, and the feed's health.
 *
 * @param recent article id to what was seen, oldest first; bounded
 * @param lastError a sentence a person can act on, null after a success
 * @param lastErrorKind short label of the last error (timeout, parse, http_status, …)
 */
public record FeedState(
        String feedId,
        String etag,
        String lastModified,
        Map<String, SeenItem> recent,
        int consecutiveErrors,
        String lastError,
        String lastErrorKind,
        Instant lastFetch,
        Instant lastSuccess,
        Instant nextPoll,
        long itemsSeen,
        long articlesPublished) {

    public FeedState {
        recent = recent == null ? new LinkedHashMap<>() : new LinkedHashMap<>(recent);
    }

    public static FeedState initial(String feedId) {
        return new FeedState(feedId, null, null, Map.of(), 0, null, null, null, null, null, 0, 0);
    }
}
