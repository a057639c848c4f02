package io.newsalert.alert.match;

import io.newsalert.events.EnrichedArticle;
import io.newsalert.events.Entity;
import io.newsalert.events.Topic;
import java.util.List;
import org.jsoup.Jsoup;

/**
 * What of an article is matched: its title, plain text (the feed's summary, cleaned by
 * ingest-service — the field enrich-service's "text" entity offsets point into), the item's HTML
 * content as plain text when it says more than the summary (enrich-service's "content" field),
 * language, entities, topics and feed. Spans are offsets into {@link #title}, {@link #text} and
 * {@link #content} exactly as here. A query's {@code text:} covers text and content.
 */
public record ArticleText(String title, String text, String content, String language, List<Entity> entities,
        List<Topic> topics, String feed) {

    public ArticleText {
        title = title == null ? "" : title;
        text = text == null ? "" : text;
        content = content == null ? "" : content;
        entities = entities == null ? List.of() : List.copyOf(entities);
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    /** An article without separate content (a preview, a feed that carries only a summary). */
    public ArticleText(String title, String text, String language, List<Entity> entities, List<Topic> topics, String feed) {
        this(title, text, "", language, entities, topics, feed);
    }

    public static ArticleText of(EnrichedArticle enriched) {
        var raw = enriched.article();
        String language = enriched.language() != null ? enriched.language() : raw.languageHint();
        String content = plainText(raw.content());
        String summary = raw.summary() == null ? "" : raw.summary();
        // Content that only repeats the summary would report every match twice.
        if (content.strip().equals(summary.strip())) {
            content = "";
        }
        return new ArticleText(raw.title(), summary, content, language, enriched.entities(), enriched.topics(), raw.feedId());
    }

    public String field(String name) {
        return switch (name) {
            case "title" -> title;
            case "text" -> text;
            case "content" -> content;
            default -> "";
        };
    }

    /** Same cleaning as enrich-service (and ingest-service's HtmlText), so entity offsets agree. */
    static String plainText(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        var doc = Jsoup.parseBodyFragment(html);
        doc.select("script, style, noscript, template, iframe, object").remove();
        return doc.body().text().replaceAll("[\\s\\u00a0\\u2000-\\u200b\\u202f\\u3000]+", " ").strip();
    }
}
