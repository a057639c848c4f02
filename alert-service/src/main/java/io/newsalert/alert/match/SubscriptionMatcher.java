package io.newsalert.alert.match;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;
import org.jboss.logging.Logger;

/**
 * Matches each article against every enabled subscription the way Lucene Monitor does: each
 * subscription's query is split into its OR branches, and the branches are indexed by the terms an
 * article must hold for them to match ({@link CandidateIndex}), so per article only the few
 * candidates whose terms occur in it are settled, on the article's terms and their places
 * ({@link ArticleTerms}; a one-document Lucene index for the few shapes only Lucene runs), and only
 * the matches are explained (spans, snippet). Subscriptions with the same query share one entry, one
 * run and one explanation ({@link SharedQuery}). The cost per article grows far slower than the
 * number of subscriptions.
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

    /** A subscription being matched: the query it shares, and whether it filters by language or feed (read per match without touching the lists). */
    private record Active(Subscription subscription, SharedQuery query, boolean filtered) {}

    /** What makes two subscriptions' queries the same: the compiled query, and the query words its terms came from (the spans name them). */
    private record QueryKey(Query query, Map<String, String> origins) {
        static QueryKey of(CompiledQuery q) {
            return new QueryKey(q.query(), q.origins());
        }
    }

    /**
     * A distinct query and the subscriptions that have it. Subscribers write the same queries
     * ("Ukraine", "Bundestag"), so each distinct query is in the candidate index once, run once per
     * article and explained once, and its match goes to each subscriber its filters admit.
     * {@code owners} is replaced, never changed in place: matching reads it without the lock.
     */
    private static final class SharedQuery {
        final QueryKey key;
        final CompiledQuery query;
        final long serial;
        final int[] branchIds;
        volatile Owners owners = Owners.NONE;

        SharedQuery(QueryKey key, CompiledQuery query, long serial, int branches) {
            this.key = key;
            this.query = query;
            this.serial = serial;
            this.branchIds = new int[branches];
        }
    }

    private final SubscriptionDirectory directory;
    private final QueryCompiler compiler = new QueryCompiler();
    private final RewritingDecomposer decomposer = new RewritingDecomposer();
    private final CandidateIndex<SharedQuery> index = new CandidateIndex<>();
    /** Matching reads the index while the updater thread changes it. */
    private final ReadWriteLock indexLock = new ReentrantReadWriteLock();
    private final Map<String, Active> active = new ConcurrentHashMap<>();
    /** The distinct queries: read and written by {@link #apply} only (synchronized), changed under the write lock. */
    private final Map<QueryKey, SharedQuery> queries = new HashMap<>();
    private final Map<String, Optional<Subscription>> pending = new LinkedHashMap<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final AtomicLong errors = new AtomicLong();
    private long serials;
    private Thread updater;

    private volatile boolean running;

    public SubscriptionMatcher(SubscriptionDirectory directory) {
        this.directory = directory;
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

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (updater != null) {
            updater.interrupt();
        }
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

    /**
     * Registers, replaces and removes subscriptions in one index update. A query already in the
     * index gains an owner; a query whose last owner goes leaves the index.
     */
    public synchronized void apply(Map<String, Optional<Subscription>> batch) {
        // Compiled, and new queries split, outside the lock: matching goes on meanwhile.
        Map<String, Optional<CompiledQuery>> changes = new LinkedHashMap<>();
        Map<QueryKey, Prepared> prepared = new HashMap<>();
        batch.forEach((id, change) -> {
            Subscription s = change.orElse(null);
            if (s == null || !s.enabled()) {
                changes.put(id, Optional.empty());
                return;
            }
            try {
                CompiledQuery query = compiler.compile(s.query());
                changes.put(id, Optional.of(query));
                QueryKey key = QueryKey.of(query);
                if (!queries.containsKey(key)) {
                    prepared.computeIfAbsent(key, k -> Prepared.of(query, decomposer));
                }
            } catch (QuerySyntaxException e) {
                // The API refuses such queries; one stored by an older version is reported, not run.
                LOG.errorf("subscription %s has a query that does not compile (%s); it is not matched", id, e.getMessage());
                changes.put(id, Optional.empty());
            }
        });
        // The owners of each query this batch changes, published once at the end of it.
        Map<SharedQuery, List<Active>> owners = new LinkedHashMap<>();
        indexLock.writeLock().lock();
        try {
            changes.forEach((id, change) -> {
                Active old = active.remove(id);
                if (old != null) {
                    owners.computeIfAbsent(old.query(), q -> new ArrayList<>(List.of(q.owners.all()))).remove(old);
                }
                change.ifPresent(query -> {
                    Subscription s = batch.get(id).orElseThrow();
                    QueryKey key = QueryKey.of(query);
                    SharedQuery shared = queries.computeIfAbsent(key,
                            k -> register(k, query, prepared.computeIfAbsent(k, x -> Prepared.of(query, decomposer))));
                    Active now = new Active(s, shared, !s.languages().isEmpty() || !s.feeds().isEmpty());
                    owners.computeIfAbsent(shared, q -> new ArrayList<>(List.of(q.owners.all()))).add(now);
                    active.put(id, now);
                });
            });
            owners.forEach((shared, list) -> {
                shared.owners = Owners.of(list);
                if (list.isEmpty()) {
                    for (int branch : shared.branchIds) {
                        index.remove(branch);
                    }
                    queries.remove(shared.key);
                }
            });
        } finally {
            indexLock.writeLock().unlock();
        }
    }

    private SharedQuery register(QueryKey key, CompiledQuery query, Prepared p) {
        SharedQuery shared = new SharedQuery(key, query, serials++, p.branches().size());
        for (int i = 0; i < shared.branchIds.length; i++) {
            RequiredTerms.Requirement required = p.requirements().get(i);
            long order = shared.serial << ORDINAL_BITS | i;
            shared.branchIds[i] = index.add(new CandidateIndex.Branch<>(shared, order, p.branches().get(i), required.leaves(),
                    p.checks().get(i)), required.clauses());
        }
        return shared;
    }

    /** A query split into its branches, with what the candidate index needs of each. */
    private record Prepared(List<Query> branches, List<RequiredTerms.Requirement> requirements, List<PositionCheck> checks) {
        static Prepared of(CompiledQuery query, RewritingDecomposer decomposer) {
            List<Query> branches = List.copyOf(decomposer.decompose(query.query()));
            List<RequiredTerms.Requirement> requirements = new ArrayList<>();
            List<PositionCheck> checks = new ArrayList<>();
            for (Query b : branches) {
                RequiredTerms.Requirement required = RequiredTerms.requirement(b);
                requirements.add(required);
                // A decided branch is never run or checked.
                checks.add(required.decided() ? null : PositionCheck.of(b));
            }
            return new Prepared(branches, requirements, checks);
        }
    }

    /**
     * The raw hits of a query on the article, from every branch of it that matched, and the
     * subscriptions of it whose filters admit the article.
     */
    private record Hits(SharedQuery query, Active[] admitted, List<SpanFinder.Hit> hits) {}

    /** Every enabled subscription whose query and filters match the article, with spans and snippet. */
    public List<Result> match(ArticleText article) {
        ArticleDocument.ForMatching doc = ArticleDocument.forMatching(article);
        List<Hits> matches = run(article, doc, true);
        List<Result> results = new ArrayList<>(matches.size());
        var entityNames = doc.entityNames();
        Snippets snippets = new Snippets(article);
        for (Hits m : matches) {
            // Explained once for all the query's subscribers.
            List<Span> spans = SpanFinder.spans(m.hits(), article, m.query().query::originOf, entityNames);
            String snippet = snippets.of(spans);
            for (Active a : m.admitted()) {
                results.add(new Result(a.subscription(), spans, snippet));
            }
        }
        return results;
    }

    /** For the benchmark and tests: how many query branches the candidate index let through for the article. */
    public int queriesRunFor(ArticleText article) {
        return candidatesFor(article).size();
    }

    /** For the benchmark: how many subscriptions match, found as {@link #match} does but not explained. */
    int countMatches(ArticleText article) {
        int count = 0;
        for (Hits m : run(article, ArticleDocument.forMatching(article), false)) {
            count += m.admitted().length;
        }
        return count;
    }

    /**
     * For the benchmark: the candidates the index let through, once per branch of a query (so an
     * id can appear more than once), each named by the first subscription of the query.
     */
    List<String> candidatesFor(ArticleText article) {
        ArticleDocument.ForMatching doc = ArticleDocument.forMatching(article);
        List<String> ids = new ArrayList<>();
        for (CandidateIndex.Branch<SharedQuery> branch : candidates(doc)) {
            Active[] owners = branch.owner().owners.all();
            if (owners.length > 0) {
                ids.add(owners[0].subscription().id());
            }
        }
        return ids;
    }

    /** The branches the candidate index lets through for the article, read while no update runs. */
    private List<CandidateIndex.Branch<SharedQuery>> candidates(ArticleDocument.ForMatching doc) {
        indexLock.readLock().lock();
        try {
            return index.candidates(doc.terms());
        } finally {
            indexLock.readLock().unlock();
        }
    }

    /**
     * Settles each candidate branch of a query with a subscription whose filters admit the article:
     * decided by the index, checked on the article's term places, or run by Lucene; first the cheap
     * yes/no, then, when explaining, its hits. A query that
     * matched through several branches has the hits of each, in the order of its branches (a place
     * two branches found is one span: {@link SpanFinder#spans} drops repeats).
     */
    private List<Hits> run(ArticleText article, ArticleDocument.ForMatching doc, boolean explain) {
        List<CandidateIndex.Branch<SharedQuery>> candidates = candidates(doc);
        candidates.sort(BRANCH_ORDER);
        List<Hits> matches = new ArrayList<>();
        Set<SharedQuery> failed = new HashSet<>();
        TermPlaces places = new TermPlaces(doc.terms());
        // Built only for a branch that Lucene alone can run (e.g. a prefix): most articles never need it.
        LuceneRun lucene = null;
        SharedQuery current = null;
        Active[] admitted = null;
        for (CandidateIndex.Branch<SharedQuery> branch : candidates) {
            SharedQuery q = branch.owner();
            if (q != current) {
                // A query's branches are next to each other: its owners are read, and filtered, once.
                current = q;
                admitted = admitted(q.owners, article);
            }
            // The filters are two list lookups: a query whose every subscriber they exclude is not worth a run.
            if (admitted.length == 0) {
                continue;
            }
            try {
                List<SpanFinder.Hit> hits;
                if (branch.decided()) {
                    // The article holds every clause, and the clauses are the whole query: it matches without a run.
                    hits = explain ? places.hits(branch.leaves()) : List.of();
                } else if (branch.check() != null) {
                    // Checked and explained from the article's term places, as Lucene would (PositionCheck).
                    if (!branch.check().matches(places)) {
                        continue;
                    }
                    hits = explain ? branch.check().hits(places) : List.of();
                } else {
                    if (lucene == null) {
                        lucene = new LuceneRun(article);
                    }
                    Weight weight = lucene.weight(branch.query());
                    if (!SpanFinder.matches(weight, lucene.leaf)) {
                        continue;
                    }
                    hits = explain ? SpanFinder.hits(weight, lucene.leaf) : List.of();
                    if (hits == null) {
                        continue;
                    }
                }
                Hits last = matches.isEmpty() ? null : matches.get(matches.size() - 1);
                if (last != null && last.query() == q) {
                    matches.set(matches.size() - 1, new Hits(q, admitted, concat(last.hits(), hits)));
                } else {
                    matches.add(new Hits(q, admitted, hits));
                }
            } catch (IOException | RuntimeException e) {
                // One failing query must not hold back every other subscriber: it is reported and counted per subscription.
                // Its other branches still run: one of them may match.
                if (failed.add(q)) {
                    errors.addAndGet(admitted.length);
                    LOG.errorf(e, "the query of subscription %s (and %d more with the same query) failed on the article titled '%s'",
                            admitted[0].subscription().id(), admitted.length - 1, article.title());
                }
            }
        }
        return matches;
    }

    /** The article in a one-document Lucene index, for the branches that only Lucene can run. */
    private static final class LuceneRun {
        final IndexSearcher searcher;
        final LeafReaderContext leaf;

        LuceneRun(ArticleText article) {
            searcher = ArticleDocument.memoryIndex(article).createSearcher();
            // Each query runs once on a one-document index: caching its parts only costs.
            searcher.setQueryCache(null);
            leaf = searcher.getIndexReader().leaves().get(0);
        }

        Weight weight(Query branch) throws IOException {
            Query query = branch instanceof RewritingDecomposer.Rewritten ? branch : searcher.rewrite(branch);
            return searcher.createWeight(query, ScoreMode.COMPLETE_NO_SCORES, 1);
        }
    }

    /** A query's subscriptions, and whether any of them filters (most do not: their query alone decides). */
    private record Owners(Active[] all, boolean anyFiltered) {
        static final Owners NONE = new Owners(new Active[0], false);

        static Owners of(List<Active> owners) {
            return new Owners(owners.toArray(Active[]::new), owners.stream().anyMatch(Active::filtered));
        }
    }

    /** The query's subscriptions whose filters admit the article: all of them (the same array) when none filters. */
    private static Active[] admitted(Owners owners, ArticleText article) {
        if (!owners.anyFiltered()) {
            return owners.all();
        }
        List<Active> out = new ArrayList<>(owners.all().length);
        for (Active a : owners.all()) {
            if (!a.filtered() || passesFilters(a.subscription(), article)) {
                out.add(a);
            }
        }
        return out.toArray(Active[]::new);
    }

    /** A query's branches together, in the order it was split in. */
    private static final Comparator<CandidateIndex.Branch<SharedQuery>> BRANCH_ORDER = (a, b) -> Long.compare(a.order(), b.order());

    /** A query of at most {@value QueryCompiler#MAX_LENGTH} characters has far fewer branches than 2^20. */
    private static final int ORDINAL_BITS = 20;

    /** Both branches' hits; a place found by both gives equal spans, which {@link SpanFinder#spans} keeps once. */
    private static List<SpanFinder.Hit> concat(List<SpanFinder.Hit> a, List<SpanFinder.Hit> b) {
        List<SpanFinder.Hit> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
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
}
