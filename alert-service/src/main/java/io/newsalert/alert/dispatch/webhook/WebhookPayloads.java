package io.newsalert.alert.dispatch.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.newsalert.alert.dispatch.Notification;
import io.newsalert.events.Entity;
import io.newsalert.events.JsonSerde;
import io.newsalert.events.Match;
import io.newsalert.events.Span;
import io.newsalert.events.Topic;
import java.time.Instant;
import java.util.List;

/**
 * The JSON bodies a webhook receiver gets. The shape is the Standard Webhooks one: {@code type},
 * {@code timestamp}, {@code data}. Types: {@code alert.match} (one article), {@code alert.digest}
 * (all articles of one period, in {@code data.alerts}), {@code alert.test}.
 */
public final class WebhookPayloads {

    private WebhookPayloads() {}

    public record Event(String type, Instant timestamp, Object data) {}

    public record SubscriptionRef(String id, String name, String query) {}

    public record Article(String id, int revision, String title, String link, Instant published, String feed,
            String language, List<Entity> entities, List<Topic> topics) {}

    /** One alert: the article, why it matched (spans) and the text around the match (snippet). */
    public record Alert(String deliveryId, SubscriptionRef subscription, Article article, List<Span> spans,
            String snippet, Instant matched) {}

    public record Digest(SubscriptionRef subscription, Instant periodStart, Instant periodEnd, String timezone,
            List<Alert> alerts) {}

    public static byte[] body(Notification n, Instant now) {
        SubscriptionRef sub = new SubscriptionRef(n.subscription().id(), n.subscription().name(), n.subscription().query());
        Event event = switch (n.kind()) {
            case alert -> new Event("alert.match", now, alert(sub, n.first()));
            case digest -> new Event("alert.digest", now, new Digest(sub, n.periodStart(), n.periodEnd(),
                    n.subscription().timezone(), n.matches().stream().map(m -> alert(sub, m)).toList()));
            case test -> new Event("alert.test", now, alert(sub, n.first()));
        };
        try {
            return JsonSerde.MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write webhook body for " + n.id(), e);
        }
    }

    private static Alert alert(SubscriptionRef sub, Match m) {
        return new Alert(m.deliveryId(), sub, new Article(m.articleId(), m.articleRevision(), m.title(), m.link(),
                m.published(), m.feedId(), m.language(), m.entities(), m.topics()), m.spans(), m.snippet(), m.matched());
    }
}
