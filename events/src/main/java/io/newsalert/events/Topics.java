package io.newsalert.events;

import java.util.List;

/** Topic names and their shape, as DESIGN.md's topic table defines them. */
public final class Topics {
    public static final String FEEDS = "news.feeds";
    public static final String FEED_STATE = "news.feeds.state";
    public static final String ARTICLES_RAW = "news.articles.raw";
    public static final String ARTICLES_ENRICHED = "news.articles.enriched";
    public static final String SUBSCRIPTIONS = "alerts.subscriptions";
    public static final String API_KEYS = "alerts.keys";
    public static final String MATCHES = "alerts.matches";
    public static final String DELIVERIES = "alerts.deliveries";
    public static final String DLQ = "alerts.dlq";
    /** alert-service's delivery ledger: one job per (subscription, article, channel). */
    public static final String DELIVERY_STATE = "alerts.deliveries.state";

    /** A topic as it must exist on the broker: tables are compacted, streams are not. */
    public record Definition(String name, int partitions, boolean compacted) {}

    /** Every topic the system uses, so a broker (local or compose) can be prepared from one list. */
    public static final List<Definition> ALL = List.of(
            new Definition(FEEDS, 3, true),
            new Definition(FEED_STATE, 3, true),
            new Definition(ARTICLES_RAW, 6, false),
            new Definition(ARTICLES_ENRICHED, 6, false),
            new Definition(SUBSCRIPTIONS, 3, true),
            new Definition(API_KEYS, 1, true),
            new Definition(MATCHES, 6, false),
            new Definition(DELIVERIES, 6, false),
            new Definition(DLQ, 3, false),
            new Definition(DELIVERY_STATE, 6, true));

    private Topics() {}
}
