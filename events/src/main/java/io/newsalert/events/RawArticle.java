package io.newsalert.events;

import java.time.Instant;
import java.util.List;

/**
 * An article as ingest-service read it from a feed (value of {@code news.articles.raw}, key = id).
 *
 * @param revision 1 for the first publication, incremented when the item's content changes later
 * @param summary plain text, cleaned from the feed's HTML
 * @param content the item's HTML content as the feed carried it (may be null)
 * @param media enclosure and {@code media:} URLs (images, audio, video), in feed order
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
        String languageHint,
        List<String> media) {

    public RawArticle {
        authors = authors == null ? List.of() : List.copyOf(authors);
        categories = categories == null ? List.of() : List.copyOf(categories);
        media = media == null ? List.of() : List.copyOf(media);
    }

    /** An article without media links. */
    public RawArticle(int schemaVersion, String id, String feedId, String guid, String link, String title,
            String summary, String content, List<String> authors, List<String> categories, Instant published,
            Instant fetched, int revision, String languageHint) {
        this(schemaVersion, id, feedId, guid, link, title, summary, content, authors, categories, published,
                fetched, revision, languageHint, List.of());
    }

}
