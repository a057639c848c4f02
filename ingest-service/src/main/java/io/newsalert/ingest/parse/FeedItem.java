package io.newsalert.ingest.parse;

import java.time.Instant;
import java.util.List;

/**
 * One item of a feed as the parser read it, before deduplication.
 *
 * @param id the article id ({@code ArticleId.of}), stable across feeds and polls
 * @param title plain text
 * @param summary plain text
 * @param content the item's HTML content as the feed carried it, may be null
 * @param published null when the feed gives no date or one that cannot be read
 * @param media enclosure and {@code media:} URLs (images, audio, video), in feed order
 */
public record FeedItem(
        String id,
        String guid,
        String link,
        String title,
        String summary,
        String content,
        List<String> authors,
        List<String> categories,
        Instant published,
        List<String> media) {

    public FeedItem {
        authors = authors == null ? List.of() : List.copyOf(authors);
        categories = categories == null ? List.of() : List.copyOf(categories);
        media = media == null ? List.of() : List.copyOf(media);
    }
}
