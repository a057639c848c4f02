package io.newsalert.ingest.poll;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsalert.events.FeedConfig;
import io.newsalert.events.JsonSerde;
import io.newsalert.ingest.fetch.FeedFetcher;
import io.newsalert.ingest.kafka.KafkaTable;
import io.newsalert.ingest.publish.ArticleSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The polling side of one ingest instance: which feeds it owns ({@link FeedOwnership}), their
 * state ({@code news.feeds.state}, read whole at start), and the schedule that polls each owned,
 * enabled feed when it is due, on a bounded pool of workers.
 */
public final class PollingService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PollingService.class);

    private final PollSettings settings;
    private final Clock clock;
    private final KafkaTable<FeedState> states;
    private final FeedOwnership ownership;
    private final FeedPoller poller;
    private final ScheduledExecutorService ticker;
    private final ExecutorService workers;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** What the feeds of this instance published of each story. */
    private final StoryClaims claims = new StoryClaims(StoryClaims.DEFAULT_CAPACITY);
    private final Map<String, Instant> ownedSince = new ConcurrentHashMap<>();

    public PollingService(String bootstrapServers, String clientId, PollSettings settings, FeedFetcher fetcher,
            ArticleSink sink, MeterRegistry registry, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.states = new KafkaTable<>(bootstrapServers, settings.stateTopic(), JsonSerde.of(FeedState.class),
                clientId + "-state", (id, state) -> remember(state));
        this.ownership = new FeedOwnership(bootstrapServers, settings.feedsTopic(), settings.groupId(), clientId);
        IngestMetrics metrics = new IngestMetrics(registry, this::failingCount, this::staleCount,
                () -> enabledOwned().size());
        this.poller = new FeedPoller(fetcher, sink, claims, settings, metrics, clock);
        AtomicInteger n = new AtomicInteger();
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, clientId + "-poll-ticker"));
        this.workers = Executors.newFixedThreadPool(settings.workers(),
                r -> daemon(r, clientId + "-poller-" + n.incrementAndGet()));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Reads the state back, joins the group, and starts the schedule. */
    public PollingService start() {
        states.start(Duration.ofSeconds(60));
        ownership.start();
        long tick = settings.tick().toMillis();
        ticker.scheduleWithFixedDelay(this::pollDue, tick, tick, TimeUnit.MILLISECONDS);
        return this;
    }

    public FeedState state(String feedId) {
        return states.get(feedId);
    }

    public Set<Integer> ownedPartitions() {
        return ownership.partitions();
    }

    public boolean owns(String feedId) {
        return ownership.owns(feedId);
    }

    private void remember(FeedState state) {
        if (state == null) {
            return;
        }
        state.recent().forEach((id, seen) -> {
            if (seen.revision() > 0) {
                claims.remember(id, state.feedId(), seen.revision());
            }
        });
    }

    private java.util.List<FeedConfig> enabledOwned() {
        return ownership.feeds().stream().filter(FeedConfig::enabled).toList();
    }

    private void pollDue() {
        try {
            Instant now = clock.instant();
            for (FeedConfig feed : enabledOwned()) {
                ownedSince.putIfAbsent(feed.id(), now);
                FeedState state = states.get(feed.id());
                boolean due = state == null || state.nextPoll() == null || !state.nextPoll().isAfter(now);
                if (due && inFlight.add(feed.id())) {
                    workers.execute(() -> pollOne(feed));
                }
            }
            ownedSince.keySet().removeIf(id -> !ownership.owns(id));
        } catch (RuntimeException e) {
            // The schedule must survive anything; the next tick tries again.
            LOG.errorf(e, "looking for due feeds failed");
        }
    }

    private void pollOne(FeedConfig feed) {
        try {
            FeedState before = states.get(feed.id());
            FeedState next;
            try {
                next = poller.poll(feed, before);
            } catch (RuntimeException e) {
                LOG.errorf(e, "polling feed %s failed unexpectedly", feed.id());
                next = poller.internalError(feed, before, e);
            }
            if (!ownership.owns(feed.id())) {
                // Handed over mid-poll: the new owner's state wins; our articles are out already.
                LOG.infof("feed %s moved to another instance during its poll", feed.id());
            }
            states.put(feed.id(), next, settings.kafkaTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The state could not be stored: the items are seen again next poll (at-least-once),
            // and enrich-service dedupes by article id.
            LOG.errorf(e, "storing the state of feed %s failed", feed.id());
        } finally {
            inFlight.remove(feed.id());
        }
    }

    private int failingCount() {
        int n = 0;
        for (FeedConfig f : enabledOwned()) {
            FeedState s = states.get(f.id());
            if (s != null && s.consecutiveErrors() > 0) {
                n++;
            }
        }
        return n;
    }

    private int staleCount() {
        Instant now = clock.instant();
        int n = 0;
        for (FeedConfig f : enabledOwned()) {
            FeedState s = states.get(f.id());
            Instant since = s != null && s.lastSuccess() != null ? s.lastSuccess() : ownedSince.get(f.id());
            if (since != null && Duration.between(since, now).compareTo(settings.staleAfter()) > 0) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ownership.close();
        states.close();
    }
}
