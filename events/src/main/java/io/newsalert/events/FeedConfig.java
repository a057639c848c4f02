package io.newsalert.events;

import java.util.List;

/**
 * A registered feed (value of the compacted {@code news.feeds}, key = id; a tombstone deletes it).
 *
 * @param pollIntervalSeconds how often to poll when the feed gives no caching hint of its own
 * @param languageHint a prior for language detection, not the answer (may be null)
 */
public record FeedConfig(
        int schemaVersion,
        String id,
        String url,
        String title,
        int pollIntervalSeconds,
        String languageHint,
        List<String> labels,
        boolean enabled) {

    public FeedConfig {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }
}
