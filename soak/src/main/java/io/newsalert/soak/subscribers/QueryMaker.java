package io.newsalert.soak.subscribers;

import io.newsalert.alert.match.ArticleText;
import io.newsalert.alert.match.SubscriptionMatcher;
import io.newsalert.events.Frequency;
import io.newsalert.events.SchemaVersion;
import io.newsalert.events.Subscription;
import io.newsalert.soak.corpus.Revision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Realistic standing queries from the articles' own vocabulary — a name or noun, two words, a
 * phrase, a title term, an OR, a prefix, an exclusion — kept only when alert-service's own matcher
 * says they match a sample of articles rarely enough: a subscriber above 30 alerts a minute gets the
 * rest in the hourly digest, which a soak run cannot wait for.
 */
public final class QueryMaker {

    private static final Pattern WORD = Pattern.compile("\\p{Lu}[\\p{L}]{4,19}");
    private static final Pattern BIGRAM = Pattern.compile("(\\p{Lu}\\p{Ll}{3,15}) (\\p{L}{4,15})");

    private final SplittableRandom random;

    public QueryMaker(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * @param sample articles like the ones the load will bring (the same generator, another seed)
     * @param count how many queries
     * @param maxShare the largest share of the sample a query may match
     */
    public List<String> queries(List<Revision> sample, int count, double maxShare) {
        List<String> candidates = candidates(sample, count * 2);
        Map<String, Integer> hits = sampleHits(candidates, sample);
        int maxHits = (int) Math.floor(maxShare * sample.size());
        List<String> kept = new ArrayList<>();
        for (String q : candidates) {
            int h = hits.getOrDefault(q, 0);
            if (h <= maxHits) {
                kept.add(q);
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalStateException("no query is rare enough (at most " + maxHits + " of " + sample.size() + " sample articles)");
        }
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // Beyond the distinct candidates, people share queries: repeat them.
            out.add(i < kept.size() ? kept.get(i) : kept.get(random.nextInt(kept.size())));
        }
        return out;
    }

    List<String> candidates(List<Revision> sample, int n) {
        List<String> out = new ArrayList<>(n);
        while (out.size() < n) {
            Revision a = sample.get(random.nextInt(sample.size()));
            String all = a.title() + " " + a.text();
            List<String> words = matches(WORD, all, 0);
            if (words.size() < 2) {
                continue;
            }
            String w1 = words.get(random.nextInt(words.size()));
            String w2 = words.get(random.nextInt(words.size()));
            String other = null;
            List<String> titleWords = matches(WORD, a.title(), 0);
            int shape = random.nextInt(100);
            String q;
            if (shape < 30) {
                q = w1;
            } else if (shape < 55) {
                q = w1.equals(w2) ? w1 : w1 + " " + w2;
            } else if (shape < 67) {
                List<String> bigrams = matches(BIGRAM, all, 0);
                q = bigrams.isEmpty() ? w1 : "\"" + bigrams.get(random.nextInt(bigrams.size())) + "\"";
            } else if (shape < 75) {
                q = titleWords.isEmpty() ? w1 : "title:" + titleWords.get(random.nextInt(titleWords.size()));
            } else if (shape < 85) {
                Revision b = sample.get(random.nextInt(sample.size()));
                List<String> bw = matches(WORD, b.title() + " " + b.text(), 0);
                other = bw.isEmpty() ? w2 : bw.get(random.nextInt(bw.size()));
                q = "(" + w1 + " OR " + other + ")" + (w1.equals(w2) ? "" : " " + w2);
            } else if (shape < 93) {
                q = w1.length() >= 8 ? w1.substring(0, 6) + "*" : w1;
            } else {
                Revision b = sample.get(random.nextInt(sample.size()));
                List<String> bw = matches(WORD, b.text(), 0);
                q = bw.isEmpty() || bw.get(0).equals(w1) ? w1 : w1 + " NOT " + bw.get(random.nextInt(bw.size()));
            }
            out.add(q);
        }
        return out;
    }

    /** How many sample articles each query matches, by alert-service's matcher. */
    static Map<String, Integer> sampleHits(List<String> queries, List<Revision> sample) {
        SubscriptionMatcher matcher = SubscriptionMatcher.standalone();
        Map<String, Optional<Subscription>> batch = new LinkedHashMap<>();
        for (String q : queries) {
            batch.put(q, Optional.of(subscription(q, q)));
        }
        matcher.apply(batch);
        // The matcher is thread-safe; two threads halve a phase that takes minutes at 10,000 subscriptions.
        Map<String, Integer> hits = new ConcurrentHashMap<>();
        sample.parallelStream().forEach(r -> {
            for (SubscriptionMatcher.Result m : matcher.match(new ArticleText(r.title(), r.text(), "de", List.of(), List.of(), "sample"))) {
                hits.merge(m.subscription().id(), 1, Integer::sum);
            }
        });
        return hits;
    }

    /** The matcher's view of a subscription: only id, query and filters matter to it. */
    public static Subscription subscription(String id, String query) {
        return new Subscription(SchemaVersion.CURRENT, id, "soak", id, query, List.of(), Frequency.immediate, null, List.of(), List.of(),
                true, Instant.EPOCH);
    }

    private static List<String> matches(Pattern p, String text, int group) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(group));
        }
        return out;
    }
}
