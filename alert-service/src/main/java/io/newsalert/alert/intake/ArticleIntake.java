package io.newsalert.alert.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newsalert.alert.match.ArticleText;
import io.newsalert.alert.match.MatchPublisher;
import io.newsalert.alert.match.SubscriptionMatcher;
import io.newsalert.events.EnrichedArticle;
import io.newsalert.events.Match;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Takes every enriched article off {@code news.articles.enriched}, matches it against all
 * subscriptions and writes the matches to {@code alerts.matches}. The article is acknowledged only
 * after its matches are written; a write that fails (the broker away) is retried with backoff until
 * it succeeds, so an outage pauses intake instead of skipping an article or stopping for good. Any
 * other failure stops the consumer (failure-strategy=fail) rather than skip an article, so no
 * subscriber misses a story silently.
 */
@ApplicationScoped
public class ArticleIntake {

    private static final Logger LOG = Logger.getLogger(ArticleIntake.class);

    private final Counter received;
    private final Counter matches;
    private final Timer matchDuration;
    private final BusiestSubscriptions busiest;
    private final SubscriptionMatcher matcher;
    private final MatchPublisher publisher;
    private final RetryUntilWritten retry = new RetryUntilWritten(Duration.ofSeconds(1), Duration.ofSeconds(30));

    public ArticleIntake(MeterRegistry registry, SubscriptionMatcher matcher, MatchPublisher publisher, BusiestSubscriptions busiest) {
        this.busiest = busiest;
        this.matcher = matcher;
        this.publisher = publisher;
        this.received = Counter.builder("newsalert.alert.articles.received")
                .description("Enriched articles taken in for matching")
                .register(registry);
        this.matches = Counter.builder("newsalert.alert.matches")
                .description("Matches written to alerts.matches (per subscription: newsalert.alert.subscription.matches.hour)")
                .register(registry);
        this.matchDuration = Timer.builder("newsalert.alert.match.duration")
                .description("Matching one article against every subscription, spans and snippets included")
                .register(registry);
        registry.gauge("newsalert.alert.subscriptions.active", matcher, SubscriptionMatcher::subscriptionCount);
        registry.more().counter("newsalert.alert.match.errors", List.of(), matcher, SubscriptionMatcher::queryErrors);
        registry.more().counter("newsalert.alert.matches.write.retries", List.of(), retry, RetryUntilWritten::failures);
    }

    @Incoming("articles-enriched")
    @Blocking
    public void receive(EnrichedArticle article) throws InterruptedException {
        received.increment();
        // At start-up, wait until every stored subscription is in the matcher: an article matched
        // against half of them would miss alerts for good.
        while (!matcher.awaitReady(Duration.ofSeconds(30))) {
            LOG.warn("waiting for the subscriptions to be loaded before matching articles");
        }
        List<SubscriptionMatcher.Result> results = matchDuration.record(() -> matcher.match(ArticleText.of(article)));
        List<Match> written = retry.write("the matches of article " + article.id(), () -> publisher.publish(article, results));
        matches.increment(written.size());
        busiest.record(written.stream().map(Match::subscriptionId).toList());
        LOG.debugf("article %s (rev %d) matched %d subscriptions, %d published", article.id(),
                article.article().revision(), results.size(), written.size());
    }
}
