package io.newsalert.enrich.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newsalert.events.Entity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * The service's figures, under the names the dashboard reads: articles in and out (by language),
 * duplicates dropped, analysis errors, analysis latency, entities by type and per article.
 */
@ApplicationScoped
public class EnrichMetrics {

    private final MeterRegistry registry;
    private final Counter in;
    private final Counter duplicates;
    private final Counter errors;
    private final Counter unreadable;
    private final Counter forgotten;
    private final Timer duration;
    private final DistributionSummary entitiesPerArticle;

    public EnrichMetrics(MeterRegistry registry) {
        this.registry = registry;
        in = Counter.builder("newsalert.enrich.articles.in").description("raw articles read").register(registry);
        duplicates = Counter.builder("newsalert.enrich.duplicates")
                .description("raw articles dropped: same id, no higher revision than already enriched").register(registry);
        errors = Counter.builder("newsalert.enrich.errors")
                .description("articles whose analysis failed; passed on with enrichmentError").register(registry);
        unreadable = Counter.builder("newsalert.enrich.unreadable")
                .description("raw records without a value (nothing to enrich)").register(registry);
        forgotten = Counter.builder("newsalert.enrich.dedupe.forgotten")
                .description("article ids forgotten by the dedupe store after newsalert.enrich.dedupe.remember").register(registry);
        duration = Timer.builder("newsalert.enrich.duration").description("analysis time of one article")
                .publishPercentileHistogram().register(registry);
        entitiesPerArticle = DistributionSummary.builder("newsalert.enrich.entities.per_article")
                .description("entities found in one article").register(registry);
    }

    void received() {
        in.increment();
    }

    void duplicate() {
        duplicates.increment();
    }

    void unreadable() {
        unreadable.increment();
    }

    void forgotten(int ids) {
        forgotten.increment(ids);
    }

    void failed() {
        errors.increment();
    }

    void analysed(Duration took) {
        duration.record(took);
    }

    /** An article went out: counted by language (articles out = sum over languages). */
    void published(String language, List<Entity> entities) {
        registry.counter("newsalert.enrich.articles", "language", language == null ? "und" : language).increment();
        for (Entity e : entities) {
            registry.counter("newsalert.enrich.entities", "type", e.type().name()).increment();
        }
        entitiesPerArticle.record(entities.size());
    }
}
