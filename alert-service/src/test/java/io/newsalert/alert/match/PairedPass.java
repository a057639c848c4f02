package io.newsalert.alert.match;

import io.newsalert.events.Channel;
import io.newsalert.events.Frequency;
import io.newsalert.events.SchemaVersion;
import io.newsalert.events.Subscription;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * One side of a paired comparison of two builds of the matcher ({@code alert-service/bench/paired-ab.sh}):
 * the benchmark's articles and subscriptions, and single timed passes. On a shared host the speed of a
 * CPU-second drifts by half within minutes; passes of the two builds taken in turn, in one JVM, see
 * the same drift, so their ratio is worth reporting where two separate runs are not.
 */
public final class PairedPass {

    private final SubscriptionMatcher matcher = SubscriptionMatcher.standalone();
    private final List<ArticleText> articles;
    private final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();

    public PairedPass(int subscriptions) throws Exception {
        List<ArticleText> all = MatcherBenchmark.articles();
        MatcherBenchmark.Vocabulary vocabulary = new MatcherBenchmark.Vocabulary(all.subList(0, all.size() / 2));
        articles = all.subList(all.size() / 2, all.size());
        List<MatcherBenchmark.Query> queries = vocabulary.queries(subscriptions, new Random(42));
        Map<String, Optional<Subscription>> batch = new LinkedHashMap<>();
        for (int i = 0; i < subscriptions; i++) {
            batch.put("s" + i, Optional.of(new Subscription(SchemaVersion.CURRENT, "s" + i, "bench", "s" + i, queries.get(i).text(),
                    List.of(Channel.email("b@example.org")), Frequency.immediate, null, List.of(), List.of(), true, Instant.EPOCH)));
        }
        matcher.apply(batch);
    }

    /** One pass over the articles: {CPU nanoseconds of this thread, matches found}. */
    public long[] pass() {
        long start = cpu.getCurrentThreadCpuTime();
        long matches = 0;
        for (ArticleText a : articles) {
            matches += matcher.match(a).size();
        }
        return new long[] {cpu.getCurrentThreadCpuTime() - start, matches};
    }

    public int articles() {
        return articles.size();
    }
}
