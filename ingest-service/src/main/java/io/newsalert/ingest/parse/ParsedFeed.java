package io.newsalert.ingest.parse;

import java.util.List;

/**
 * A feed as parsed: its own metadata and its items in feed order.
 *
 * @param type Rome's name for the format, e.g. {@code rss_2.0}, {@code atom_1.0}
 * @param skipped items that could not be identified (neither guid nor link), with the reason
 */
public record ParsedFeed(String type, String title, String link, String language, List<FeedItem> items,
        List<String> skipped) {

    public ParsedFeed {
        items = List.copyOf(items);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }
}
