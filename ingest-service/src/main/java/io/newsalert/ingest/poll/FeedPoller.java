package io.newsalert.ingest.poll;

import io.newsalert.events.FeedConfig;
import io.newsalert.events.RawArticle;
import io.newsalert.events.SchemaVersion;
import io.newsalert.ingest.fetch.FeedFetcher;
import io.newsalert.ingest.fetch.FetchException;
import io.newsalert.ingest.fetch.FetchResult;
import io.newsalert.ingest.parse.FeedItem;
import io.newsalert.ingest.parse.FeedParseException;
import io.newsalert.ingest.parse.FeedParser;
import io.newsalert.ingest.parse.ParsedFeed;
import io.newsalert.ingest.poll.ArticleSelector.Publication;
import io.newsalert.ingest.poll.ArticleSelector.Selection;
import io.newsalert.ingest.publish.ArticleSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * One poll of one feed, start to end: conditional fetch, parse, select what is new, publish it,
 * and return the feed's next state. The caller stores that state only after this returns, so the
 * recent ids never claim an article the broker has not acknowledged.
 */
public final class FeedPoller {

    private static final Logger LOG = Logger.getLogger(FeedPoller.class);

    private final FeedFetcher fetcher;
    private final ArticleSink sink;
    private final StoryClaims claims;
    private final PollSettings settings;
    private final IngestMetrics metrics;
    private final Clock clock;

    public FeedPoller(FeedFetcher fetcher, ArticleSink sink, StoryClaims claims, PollSettings settings,
            IngestMetrics metrics, Clock clock) {
        this.fetcher = fetcher;
        this.sink = sink;
        this.claims = claims;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Never throws for a bad feed: the error becomes part of the returned state. */
    public FeedState poll(FeedConfig feed, FeedState before) throws InterruptedException {
        FeedState state = before == null ? FeedState.initial(feed.id()) : before;
        Instant started = clock.instant();
        FetchResult fetched;
        long t0 = System.nanoTime();
        try {
            fetched = fetcher.fetch(feed.url(), state.etag(), state.lastModified());
        } catch (FetchException e) {
            metrics.fetchDuration().record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
            return failed(feed, state, started, e.kind().name().toLowerCase(Locale.ROOT), e.getMessage(),
                    e.retryAfter());
        }
        metrics.fetchDuration().record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        // End-to-end latency starts when the feed's bytes are in hand.
        Instant fetchedAt = clock.instant();
        if (fetched.notModified()) {
            metrics.fetch(feed.id(), "not_modified");
            return new FeedState(feed.id(), fetched.etag(), fetched.lastModified(), state.recent(), 0, null, null,
                    fetchedAt, fetchedAt, next(feed, fetchedAt, 0, fetched.maxAge()), state.itemsSeen(),
                    state.articlesPublished());
        }
        ParsedFeed parsed;
        long p0 = System.nanoTime();
        try {
            parsed = FeedParser.parse(fetched.body(), fetched.contentType());
        } catch (FeedParseException e) {
            return failed(feed, state, started, "parse", e.getMessage(), null);
        } finally {
            metrics.parseDuration().record(System.nanoTime() - p0, TimeUnit.NANOSECONDS);
        }
        metrics.itemsSeen(feed.id(), parsed.items().size());
        Selection selection = ArticleSelector.select(feed.id(), state.recent(), parsed.items(), fetchedAt,
                settings.recentIds(), claims);
        try {
            publish(feed, parsed, selection.publish(), fetchedAt);
        } catch (ExecutionException | TimeoutException e) {
            // Nothing of this poll is remembered, so every item is tried again next time.
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return failed(feed, state, started, "publish",
                    "publishing to Kafka failed, the items are retried at the next poll: " + cause, null);
        }
        for (Publication p : selection.publish()) {
            claims.published(p.item().id(), p.textHash());
        }
        metrics.fetch(feed.id(), "ok");
        metrics.published(feed.id(), selection.publish().size());
        if (!parsed.skipped().isEmpty()) {
            LOG.warnf("feed %s: %d items without guid or link were skipped: %s", feed.id(), parsed.skipped().size(),
                    parsed.skipped());
        }
        return new FeedState(feed.id(), fetched.etag(), fetched.lastModified(), selection.recent(), 0, null, null,
                fetchedAt, fetchedAt, next(feed, fetchedAt, 0, fetched.maxAge()),
                state.itemsSeen() + parsed.items().size(), state.articlesPublished() + selection.publish().size());
    }

    private void publish(FeedConfig feed, ParsedFeed parsed, List<Publication> publications, Instant fetchedAt)
            throws ExecutionException, TimeoutException, InterruptedException {
        String language = feed.languageHint() != null && !feed.languageHint().isBlank() ? feed.languageHint()
                : parsed.language();
        List<CompletableFuture<Void>> sent = new ArrayList<>(publications.size());
        for (Publication p : publications) {
            try {
                sent.add(sink.publish(toArticle(feed.id(), p.item(), p.revision(), fetchedAt, language))
                        .toCompletableFuture());
            } catch (RuntimeException e) {
                // A sink that refuses synchronously (buffer full, closed) is a failed publish too.
                sent.add(CompletableFuture.failedFuture(e));
            }
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                .get(settings.kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    static RawArticle toArticle(String feedId, FeedItem item, int revision, Instant fetchedAt, String language) {
        return new RawArticle(SchemaVersion.CURRENT, item.id(), feedId, item.guid(), item.link(), item.title(),
                item.summary(), item.content(), item.authors(), item.categories(), item.published(), fetchedAt,
                revision, language, item.media());
    }

    /** A bug or an unforeseen input: still the feed's error, visible and retried, not a dead poller. */
    public FeedState internalError(FeedConfig feed, FeedState before, RuntimeException e) {
        FeedState state = before == null ? FeedState.initial(feed.id()) : before;
        return failed(feed, state, clock.instant(), "internal", "polling failed unexpectedly: " + e, null);
    }

    private FeedState failed(FeedConfig feed, FeedState state, Instant at, String kind, String message,
            Duration retryAfter) {
        metrics.fetch(feed.id(), "error");
        metrics.error(kind);
        int errors = state.consecutiveErrors() + 1;
        LOG.infof("feed %s (%s) failed %d time(s) in a row: %s", feed.id(), feed.url(), errors, message);
        return new FeedState(feed.id(), state.etag(), state.lastModified(), state.recent(), errors, message, kind,
                at, state.lastSuccess(), next(feed, at, errors, retryAfter), state.itemsSeen(),
                state.articlesPublished());
    }

    /** When to poll the feed next: {@link PollSettings#delay}, jittered. */
    Instant next(FeedConfig feed, Instant from, int errors, Duration serverHint) {
        Duration delay = settings.delay(Duration.ofSeconds(Math.max(1, feed.pollIntervalSeconds())), errors, serverHint);
        double j = settings.jitter() <= 0 ? 0 : ThreadLocalRandom.current().nextDouble(-settings.jitter(),
                settings.jitter());
        long millis = Math.max(settings.minInterval().toMillis(), Math.round(delay.toMillis() * (1 + j)));
        return from.plusMillis(millis);
    }
}
