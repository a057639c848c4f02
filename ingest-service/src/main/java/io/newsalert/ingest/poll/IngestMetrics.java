package io.newsalert.ingest.poll;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;

/** The ingest figures, under the names the dashboard reads (see README). */
public final class IngestMetrics {

    private final MeterRegistry registry;
    private final Timer fetchDuration;
    private final Timer parseDuration;

    public IngestMetrics(MeterRegistry registry, Supplier<Number> failing, Supplier<Number> stale,
            Supplier<Number> owned) {
        this.registry = registry;
        this.fetchDuration = Timer.builder("newsalert.ingest.fetch.duration")
                .description("time to fetch a feed, redirects included").register(registry);
        this.parseDuration = Timer.builder("newsalert.ingest.parse.duration")
                .description("time to parse a fetched feed").register(registry);
        // Strong references: the suppliers are lambdas that nothing else holds on to.
        Gauge.builder("newsalert.ingest.feeds.failing", failing).strongReference(true)
                .description("feeds of this instance whose last poll failed").register(registry);
        Gauge.builder("newsalert.ingest.feeds.stale", stale).strongReference(true)
                .description("feeds of this instance without a successful poll for too long").register(registry);
        Gauge.builder("newsalert.ingest.feeds.owned", owned).strongReference(true)
                .description("enabled feeds this instance polls").register(registry);
    }

    public Timer fetchDuration() {
        return fetchDuration;
    }

    public Timer parseDuration() {
        return parseDuration;
    }

    /** outcome: ok, not_modified or error. */
    public void fetch(String feedId, String outcome) {
        Counter.builder("newsalert.ingest.fetches").tag("feed", feedId).tag("outcome", outcome)
                .description("feed fetches by outcome").register(registry).increment();
    }

    public void error(String kind) {
        Counter.builder("newsalert.ingest.errors").tag("kind", kind)
                .description("failed polls by kind of error").register(registry).increment();
    }

    public void itemsSeen(String feedId, int n) {
        Counter.builder("newsalert.ingest.items.seen").tag("feed", feedId)
                .description("items read from feeds, new or not").register(registry).increment(n);
    }

    public void published(String feedId, int n) {
        Counter.builder("newsalert.ingest.articles.published").tag("feed", feedId)
                .description("articles (and revisions) published to news.articles.raw").register(registry)
                .increment(n);
    }
}
