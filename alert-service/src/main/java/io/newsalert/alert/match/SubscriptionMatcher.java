package io.newsalert.alert.match;

import io.newsalert.alert.analysis.ArticleSchema;
import io.newsalert.alert.query.CompiledQuery;
import io.newsalert.alert.query.QueryCompiler;
import io.newsalert.alert.query.QuerySyntaxException;
import io.newsalert.alert.subscription.SubscriptionDirectory;
import io.newsalert.events.Span;
import io.newsalert.events.Subscription;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.monitor.CandidateMatcher;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorConfiguration;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.monitor.MultipassTermFilteredPresearcher;
import org.apache.lucene.monitor.TermWeightor;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;
import org.jboss.logging.Logger;

/**
 * Matches each article against every enabled subscription with Lucene Monitor: the subscriptions'
 * queries are indexed, and per article a presearcher picks the few whose terms occur in it, so the
 * cost per article grows far slower than the number of subscriptions. Only those candidates are
 * run, on a one-document in-memory index, and only the matches are explained (spans, snippet).
 *
 * <p>Follows {@link SubscriptionDirectory}: changes are applied in batches by one thread, so a
 * start-up replay of many subscriptions is one index update, and an edit is live within
 * milliseconds. Matching waits until the directory has been read to its end, so an article that
 * arrives at start-up is never matched against half the subscriptions.
 */
@ApplicationScoped
public class SubscriptionMatcher implements SubscriptionDirectory.Listener {

    private static final Logger LOG = Logger.getLogger(SubscriptionMatcher.class);

    /** One subscription that matched one article, and why. */
    public record Result(Subscription subscription, List<Span> spans, String snippet) {}

    private record Active(Subscription subscription, CompiledQuery query) {}

    /** The raw hits of one (possibly decomposed) subscription query on the article. */
    static final class HitsMatch extends QueryMatch {
        final List<SpanFinder.Hit> hits;

        HitsMatch(String queryId, List<SpanFinder.Hit> hits) {
            super(queryId);
            this.hits = hits;
        }
    }

    /** Terms of a conjunction an article must hold before the query is run; see the constructor. */
    private static final int PRESEARCH_PASSES = 2;

    private final SubscriptionDirectory directory;
    private final QueryCompiler compiler = new QueryCompiler();
    private final Monitor monitor;
    private final Map<String, Active> active = new ConcurrentHashMap<>();
    private final Map<String, Optional<Subscription>> pending = new LinkedHashMap<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicLong errors = new java.util.concurrent.atomic.AtomicLong();
    private Thread updater;
    /**
     * Queries registered per index commit. Until its commit Monitor holds every buffered query's term
     * documents, about 400 KB a query with our fields and readings (measured: 500 at once run 192 MB
     * out); so about one query per 2 MB of heap, and few commits where the heap allows (each commit
     * costs about 0.5 s CPU at 10,000 queries).
     */
    static final int QUERY_UPDATE_BUFFER = Integer.getInteger("newsalert.matcher.update-buffer",
            (int) Math.max(100, Math.min(5000, (Runtime.getRuntime().maxMemory() >> 20) / 2)));

    private volatile boolean running;

    public SubscriptionMatcher(SubscriptionDirectory directory) {
        this.directory = directory;
        try {
            // The Monitor splits each query into its OR branches (one per field and reading) and runs
            // only the branches whose terms the article has: measured 2x faster per article than one
            // entry per query, whose every candidate would run the branches of all readings. Each
            // branch is rewritten once here, not per article (RewritingDecomposer).
            // A branch that needs several terms (a compound's parts, "A AND B", a phrase) is indexed by
            // two of them and is a candidate only for an article that has both: with one term (the
            // longest, usually a compound's common part such as "regierung") 16 candidates ran per match.
            // Monitor's default buffer of 5,000 queries ran a 512 MB heap out when a restart replayed 10,000.
            MonitorConfiguration config = new MonitorConfiguration().setQueryDecomposer(new RewritingDecomposer())
                    .setQueryUpdateBufferSize(QUERY_UPDATE_BUFFER);
            this.monitor = new Monitor(ArticleSchema.DOCUMENT_ANALYZER, new MultipassTermFilteredPresearcher(
                    PRESEARCH_PASSES, 0, TermWeightor.DEFAULT, List.of(new PrefixCandidates()), Set.of()), config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the in-memory query index", e);
        }
    }

    /** For the benchmark and unit tests: a matcher fed directly, without a directory. */
    public static SubscriptionMatcher standalone() {
        SubscriptionMatcher matcher = new SubscriptionMatcher(null);
        matcher.ready.countDown();
        return matcher;
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        updater = new Thread(this::applyChanges, "subscription-matcher-updates");
        updater.setDaemon(true);
        updater.start();
        directory.addListener(this);
    }

    void onStop(@Observes ShutdownEvent event) throws IOException {
        running = false;
        if (updater != null) {
            updater.interrupt();
        }
        monitor.close();
    }

    @Override
    public void changed(String id, Subscription now) {
        synchronized (pending) {
            pending.put(id, Optional.ofNullable(now));
            pending.notifyAll();
        }
    }

    /** Blocks until every subscription stored at start-up is being matched. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many times a subscription's query failed on an article (reported, not fatal). */
    public long queryErrors() {
        return errors.get();
    }

    public int subscriptionCount() {
        return active.size();
    }

    /**
     * Applies changes in batches. At start-up nothing is applied until the directory is caught up:
     * matching waits for that anyway, and the whole replay then goes into the index as one batch
     * instead of one commit per 50 ms of replay.
     */
    private void applyChanges() {
        while (running) {
            try {
                if (ready.getCount() > 0) {
                    if (!directory.awaitCaughtUp(Duration.ofMillis(50))) {
                        continue;
                    }
                    // The listener replay can race with the directory's reader; the directory's view wins.
                    Map<String, Subscription> now = new LinkedHashMap<>();
                    directory.all().forEach(s -> now.put(s.id(), s));
                    synchronized (pending) {
                        for (String id : active.keySet()) {
                            if (!now.containsKey(id)) {
                                pending.putIfAbsent(id, Optional.empty());
                            }
                        }
                        now.forEach((id, s) -> pending.putIfAbsent(id, Optional.of(s)));
                    }
                    applyPending();
                    ready.countDown();
                    LOG.infof("matcher ready: %d subscriptions active", active.size());
                    continue;
                }
                synchronized (pending) {
                    if (pending.isEmpty()) {
                        pending.wait(1000);
                    }
                }
                applyPending();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("applying subscription changes to the matcher failed; retrying", e);
            }
        }
    }

    private void applyPending() {
        Map<String, Optional<Subscription>> batch;
        synchronized (pending) {
            if (pending.isEmpty()) {
                return;
            }
            batch = new LinkedHashMap<>(pending);
            pending.clear();
        }
        apply(batch);
    }

    /** Registers, replaces and removes subscriptions in one index update. */
    public void apply(Map<String, Optional<Subscription>> batch) {
        List<MonitorQuery> register = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        batch.forEach((id, change) -> {
            Subscription s = change.orElse(null);
            if (s == null || !s.enabled()) {
                remove.add(id);
                return;
            }
            try {
                CompiledQuery query = compiler.compile(s.query());
                active.put(id, new Active(s, query));
                register.add(new MonitorQuery(id, query.query(), s.query(), Map.of()));
            } catch (QuerySyntaxException e) {
                // The API refuses such queries; one stored by an older version is reported, not run.
                LOG.errorf("subscription %s has a query that does not compile (%s); it is not matched", id, e.getMessage());
                remove.add(id);
            }
        });
        try {
            if (!remove.isEmpty()) {
                remove.forEach(active::remove);
                monitor.deleteById(remove);
            }
            if (!register.isEmpty()) {
                monitor.register(register);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the in-memory query index", e);
        }
    }

    /** Every enabled subscription whose query and filters match the article, with spans and snippet. */
    public List<Result> match(ArticleText article) {
        MatchingQueries<HitsMatch> matches;
        try {
            matches = monitor.match(ArticleDocument.forPresearch(article), searcher -> new HitsCollector(searcher, article, true));
        } catch (IOException e) {
            throw new UncheckedIOException("matching in memory cannot fail on I/O", e);
        }
        // One failing query must not hold back every other subscriber: it is reported and counted.
        matches.getErrors().forEach((id, e) -> {
            errors.incrementAndGet();
            LOG.errorf(e, "subscription %s failed on the article titled '%s'", id, article.title());
        });
        List<Result> results = new ArrayList<>();
        var entityNames = SpanFinder.entityNames();
        for (HitsMatch m : matches.getMatches()) {
            Active a = active.get(m.getQueryId());
            if (a == null) {
                continue;
            }
            List<Span> spans = SpanFinder.spans(m.hits, article, a.query()::originOf, entityNames);
            results.add(new Result(a.subscription(), spans, Snippets.of(article, spans)));
        }
        return results;
    }

    /** For the benchmark: matches without explaining, and says how many candidates the presearcher let through. */
    public int queriesRunFor(ArticleText article) throws IOException {
        return monitor.match(ArticleDocument.forPresearch(article), QueryMatch.SIMPLE_MATCHER).getQueriesRun();
    }

    /** For the benchmark: how many subscriptions match, found as {@link #match} does but not explained. */
    int countMatches(ArticleText article) throws IOException {
        return monitor.match(ArticleDocument.forPresearch(article), searcher -> new HitsCollector(searcher, article, false)).getMatchCount();
    }

    /**
     * For the benchmark: the ids of the candidates the presearcher let through, once per decomposed
     * part of a query that was run (so an id can appear more than once).
     */
    List<String> candidatesFor(ArticleText article) throws IOException {
        List<String> ids = new ArrayList<>();
        monitor.match(ArticleDocument.forPresearch(article), searcher -> new CandidateMatcher<QueryMatch>(searcher) {
            @Override
            protected void matchQuery(String queryId, Query matchQuery, Map<String, String> metadata) {
                ids.add(queryId);
            }

            @Override
            public QueryMatch resolve(QueryMatch a, QueryMatch b) {
                return a;
            }
        });
        return ids;
    }

    static boolean passesFilters(Subscription s, ArticleText article) {
        if (!s.languages().isEmpty()) {
            String lang = article.language() == null ? "und" : article.language().toLowerCase(Locale.ROOT);
            if (s.languages().stream().noneMatch(l -> l.equalsIgnoreCase(lang))) {
                return false;
            }
        }
        return s.feeds().isEmpty() || s.feeds().contains(article.feed());
    }

    /**
     * Runs each candidate on the article's one-document index: first the cheap yes/no, and only
     * for a subscription that matches and whose filters admit the article, its hits.
     */
    private final class HitsCollector extends CandidateMatcher<HitsMatch> {

        private final ArticleText article;
        private final LeafReaderContext leaf;
        private final boolean explain;

        HitsCollector(IndexSearcher searcher, ArticleText article, boolean explain) {
            super(searcher);
            this.article = article;
            this.explain = explain;
            this.leaf = searcher.getIndexReader().leaves().get(0);
            // Each query runs once on a one-document index: caching its parts only costs.
            searcher.setQueryCache(null);
        }

        @Override
        protected void matchQuery(String queryId, Query matchQuery, Map<String, String> metadata) throws IOException {
            Query query = matchQuery instanceof RewritingDecomposer.Rewritten ? matchQuery : searcher.rewrite(matchQuery);
            Weight weight = searcher.createWeight(query, ScoreMode.COMPLETE_NO_SCORES, 1);
            if (!SpanFinder.matches(weight, leaf)) {
                return;
            }
            // Most candidates do not match: the subscription is looked up only for those that do.
            Active a = active.get(queryId);
            if (a == null || !passesFilters(a.subscription(), article)) {
                return;
            }
            List<SpanFinder.Hit> hits = explain ? SpanFinder.hits(weight, leaf) : List.of();
            if (hits != null) {
                addMatch(new HitsMatch(queryId, hits), 0);
            }
        }

        @Override
        public HitsMatch resolve(HitsMatch a, HitsMatch b) {
            // A query split into disjuncts by the Monitor matched through several of them: keep all hits.
            List<SpanFinder.Hit> all = new ArrayList<>(a.hits);
            Set<SpanFinder.Hit> seen = new HashSet<>(a.hits);
            for (SpanFinder.Hit h : b.hits) {
                if (seen.add(h)) {
                    all.add(h);
                }
            }
            return new HitsMatch(a.getQueryId(), all);
        }
    }
}
