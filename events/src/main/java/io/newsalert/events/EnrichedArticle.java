package io.newsalert.events;

import java.time.Instant;
import java.util.List;

/**
 * A raw article with what enrich-service found (value of {@code news.articles.enriched}).
 *
 * @param language ISO 639-1 code, or "und" when undetermined
 * @param enrichmentError null when analysis succeeded; else what failed. The article is passed on
 *     un-enriched rather than dropped.
 */
public record EnrichedArticle(
        int schemaVersion,
        RawArticle article,
        String language,
        List<Entity> entities,
        List<Topic> topics,
        String enrichmentError,
        Instant enriched) {

    public EnrichedArticle {
        entities = entities == null ? List.of() : List.copyOf(entities);
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    /** The article passed on as it came, with nothing found yet. */
    public static EnrichedArticle passThrough(RawArticle article, Instant now) {
        return new EnrichedArticle(SchemaVersion.CURRENT, article, article.languageHint(), List.of(), List.of(), null, now);
    }

    public String id() {
        return article.id();
    }
}
