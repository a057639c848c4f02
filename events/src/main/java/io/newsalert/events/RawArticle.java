package io.newsalert.events;

import java.time.Instant;
import java.util.List;

/**
 * An article as ingest-service read it from a feed (value of {@code news.articles.raw}, key = id).
 *
 * @param revision 1 for the first publication, incremented when the item's content changes later
 * @param summary plain text, cleaned from the feed's HTML
 * @param content the item's HTML content as the feed carried it (may be null)
 */
public record RawArticle(
        int schemaVersion,
        String id,
        String feedId,
        String guid,
        String link,
        String title,
        String summary,
        String content,
        List<String> authors,
        List<String> categories,
        Instant published,
        Instant fetched,
        int revision,
        String languageHint) {

    public RawArticle {
        authors = authors == null ? List.of() : List.copyOf(authors);
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

}
