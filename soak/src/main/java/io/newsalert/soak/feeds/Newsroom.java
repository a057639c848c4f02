package io.newsalert.soak.feeds;

import io.newsalert.soak.corpus.Revision;
import io.newsalert.soak.corpus.Story;
import io.newsalert.soak.corpus.StoryWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes new stories into the feeds at a set rate (stories per second across all feeds): each
 * story goes to one feed; a share is cross-posted to a second feed a few seconds later (same story,
 * the link with that feed's tracking parameters and its own guid); a share is revised once, while
 * still listed. Remembers every story, so that the ledger knows what was visible and when.
 */
public final class Newsroom implements AutoCloseable {

    /** How the load is shaped; shares are fractions of the stories. */
    public record Settings(double rate, double crossPostShare, double reviseShare, Duration reviseAfter, long seed) {}

    private final List<SyntheticFeed> feeds;
    private final StoryWriter writer;
    private final Settings settings;
    private final SplittableRandom random;
    private final List<Story> stories = new CopyOnWriteArrayList<>();
    private final Map<Story, List<SyntheticFeed>> listedIn = new ConcurrentHashMap<>();
    private final ScheduledExecutorService clock = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "newsroom");
        t.setDaemon(true);
        return t;
    });
    private volatile double rateFactor = 1.0;
    private volatile boolean revising = true;
    private double owed;
    private long lastTick;
    private int next;

    public Newsroom(List<SyntheticFeed> feeds, StoryWriter writer, Settings settings) {
        this.feeds = feeds;
        this.writer = writer;
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
    }

    public void start() {
        lastTick = System.nanoTime();
        clock.scheduleAtFixedRate(this::tick, 0, 100, TimeUnit.MILLISECONDS);
    }

    /** Stops publishing new stories; the feeds keep serving what they list. */
    public void stopPublishing() {
        clock.shutdown();
        try {
            clock.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The burst fault multiplies the rate. */
    public void setRateFactor(double factor) {
        this.rateFactor = factor;
    }

    /** No revisions scheduled after this: a revision near the end would have no time to be seen. */
    public void stopRevising() {
        revising = false;
    }

    public List<Story> stories() {
        return List.copyOf(stories);
    }

    private synchronized void tick() {
        try {
            long now = System.nanoTime();
            owed += settings.rate() * rateFactor * (now - lastTick) / 1e9;
            lastTick = now;
            while (owed >= 1) {
                owed -= 1;
                publishOne();
            }
        } catch (RuntimeException e) {
            // A failure here would silently stop the load; make it loud instead.
            e.printStackTrace();
        }
    }

    private void publishOne() {
        List<SyntheticFeed> healthy = new ArrayList<>();
        for (SyntheticFeed f : feeds) {
            if (!f.isGarbage()) {
                healthy.add(f);
            }
        }
        if (healthy.isEmpty()) {
            return;
        }
        int n = next++;
        Revision first = writer.first();
        Story story = new Story(n, "https://news.soak.example/" + (n % 97) + "/artikel-" + n + ".html", first);
        SyntheticFeed home = healthy.get(random.nextInt(healthy.size()));
        Instant now = Instant.now();
        stories.add(story);
        listedIn.computeIfAbsent(story, s -> new CopyOnWriteArrayList<>()).add(home);
        home.add(story, story.link(), "soak-" + n, now);
        if (healthy.size() > 1 && random.nextDouble() < settings.crossPostShare()) {
            SyntheticFeed other = healthy.get(random.nextInt(healthy.size()));
            if (other != home) {
                long delayMs = 2000 + random.nextInt(6000);
                clock.schedule(() -> crossPost(story, other), delayMs, TimeUnit.MILLISECONDS);
            }
        }
        if (random.nextDouble() < settings.reviseShare()) {
            clock.schedule(() -> revise(story), settings.reviseAfter().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void crossPost(Story story, SyntheticFeed other) {
        if (other.isGarbage()) {
            return;
        }
        listedIn.get(story).add(other);
        other.add(story, story.link() + "?utm_source=soakfeed" + other.index() + "&utm_medium=rss",
                "soak-" + story.number() + "-via-" + other.index(), Instant.now());
    }

    private void revise(Story story) {
        if (!revising || !story.isListed()) {
            return;
        }
        story.revise(writer.revise(story.current()), Instant.now());
        for (SyntheticFeed f : listedIn.get(story)) {
            f.touched();
        }
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
