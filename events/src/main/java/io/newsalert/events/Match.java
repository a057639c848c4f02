package io.newsalert.events;

import java.time.Instant;
import java.util.List;

/**
 * One subscription matched one article (value of {@code alerts.matches}, key = subscription id).
 *
 * @param snippet text around the first matched span, the match marked with «…»
 * @param fetched when ingest-service fetched the article, for end-to-end latency
 */
public record Match(
        int schemaVersion,
        String subscriptionId,
        String articleId,
        int articleRevision,
        String title,
        String link,
        String feedId,
        String language,
        String snippet,
        List<Span> spans,
        List<Entity> entities,
        List<Topic> topics,
        Instant published,
        Instant fetched,
        Instant matched) {

    public Match {
        spans = spans == null ? List.of() : List.copyOf(spans);
        entities = entities == null ? List.of() : List.copyOf(entities);
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    /** The id a receiver deduplicates on: one per (subscription, article), stable across retries. */
    public String deliveryId() {
        return "msg_" + subscriptionId + "_" + articleId;
    }
}
