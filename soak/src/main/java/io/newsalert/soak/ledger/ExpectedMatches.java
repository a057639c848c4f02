package io.newsalert.soak.ledger;

import io.newsalert.alert.match.ArticleText;
import io.newsalert.alert.match.SubscriptionMatcher;
import io.newsalert.events.Entity;
import io.newsalert.events.JsonSerde;
import io.newsalert.events.Subscription;
import io.newsalert.events.Topic;
import io.newsalert.soak.corpus.Revision;
import io.newsalert.soak.corpus.Story;
import io.newsalert.soak.subscribers.QueryMaker;
import io.newsalert.soak.subscribers.Subscribers;
import io.newsalert.soak.system.Api;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Computes the {@link Expectation} with the product's own semantics and no re-implementation:
 * each served revision is analysed by enrich-service's {@code POST /api/enrich} (the same analysis
 * as its stream: language detected without a hint, entities, topics; the feeds give no language
 * hint) and matched by alert-service's {@link SubscriptionMatcher} holding every subscription.
 */
public final class ExpectedMatches {

    /** What /api/enrich answers. */
    record Analysis(String language, List<Entity> entities, List<Topic> topics) {}

    private ExpectedMatches() {}

    public static Expectation compute(List<Story> stories, List<Subscribers.Registered> subscriptions, Outages outages, Duration minVisible,
            Instant asOf, Api api, URI enrich) throws Exception {
        SubscriptionMatcher matcher = SubscriptionMatcher.standalone();
        Map<String, Optional<Subscription>> batch = new LinkedHashMap<>();
        for (Subscribers.Registered s : subscriptions) {
            batch.put(s.id(), Optional.of(QueryMaker.subscription(s.id(), s.query())));
        }
        matcher.apply(batch);
        Expectation.Builder expectation = new Expectation.Builder();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (Story story : stories) {
                for (Story.Shown shown : story.shown(asOf)) {
                    work.add(pool.submit(() -> {
                        Analysis a = analyse(api, enrich, shown.revision());
                        ArticleText text = new ArticleText(shown.revision().title(), shown.revision().text(), a.language(), a.entities(),
                                a.topics(), "soak");
                        boolean longEnough = outages.seen(shown.from(), shown.until()).compareTo(minVisible) >= 0;
                        for (SubscriptionMatcher.Result r : matcher.match(text)) {
                            expectation.matched(new Pair(r.subscription().id(), story.articleId()), shown.from(), longEnough);
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return expectation.build();
    }

    private static Analysis analyse(Api api, URI enrich, Revision r) throws Exception {
        Exception last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                Api.Answer a = api.post(enrich, Map.of("title", r.title(), "text", r.text()));
                if (a.status() == 200) {
                    return JsonSerde.MAPPER.readValue(a.body(), Analysis.class);
                }
                last = new IllegalStateException("POST /api/enrich answered " + a.status() + ": " + a.body());
            } catch (java.io.IOException e) {
                last = e;
            }
            Thread.sleep(1000L << attempt);
        }
        throw last;
    }
}
