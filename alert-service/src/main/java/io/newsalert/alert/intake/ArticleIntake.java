package io.newsalert.alert.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.newsalert.events.EnrichedArticle;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Takes every enriched article off {@code news.articles.enriched}; matching hangs off here. */
@ApplicationScoped
public class ArticleIntake {

    private static final Logger LOG = Logger.getLogger(ArticleIntake.class);

    private final Counter received;

    public ArticleIntake(MeterRegistry registry) {
        this.received = Counter.builder("newsalert.alert.articles.received")
                .description("Enriched articles taken in for matching")
                .register(registry);
    }

    @Incoming("articles-enriched")
    public void receive(EnrichedArticle article) {
        received.increment();
        LOG.debugf("article %s received: %s", article.id(), article.article().title());
    }
}
