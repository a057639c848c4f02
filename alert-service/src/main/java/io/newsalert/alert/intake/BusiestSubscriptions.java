package io.newsalert.alert.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches per subscription over the last hour, exported as a gauge for the {@value #TOP} busiest
 * subscriptions only ({@code newsalert_alert_subscription_matches_hour{subscription=…}}). A counter
 * per subscription would be one Prometheus series per subscription that ever matched — 100,000 at
 * the scale the matcher is built for, megabytes per scrape and a meter each in the service's heap —
 * while an operator looks for the few that flood. Every subscriber sees their own matches through
 * {@code GET /api/subscriptions/{id}/matches}; the total is {@code newsalert_alert_matches_total}.
 *
 * <p>The hour is counted in {@value #BUCKETS} buckets that roll with the clock. The gauge is
 * refreshed every 10 s by the scheduler, off the intake thread (ranking every subscription of the
 * hour is not work for each article), and once at the first match so that it exists at once.
 */
@ApplicationScoped
public class BusiestSubscriptions {

    static final int TOP = 20;
    static final Duration WINDOW = Duration.ofHours(1);
    static final int BUCKETS = 12;

    private final Clock clock;
    private final MultiGauge gauge;
    private final long bucketMillis = WINDOW.toMillis() / BUCKETS;
    /** Oldest first; each bucket's start time and its counts. */
    private final ArrayDeque<Bucket> buckets = new ArrayDeque<>();
    private boolean exported;

    private record Bucket(long start, Map<String, Long> counts) {}

    @Inject
    public BusiestSubscriptions(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    BusiestSubscriptions(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.gauge = MultiGauge.builder("newsalert.alert.subscription.matches.hour")
                .description("Matches in the last hour of the " + TOP + " busiest subscriptions")
                .register(registry);
    }

    /** Counts one match for each subscription id (an id twice counts twice). */
    public synchronized void record(Collection<String> subscriptionIds) {
        long now = clock.millis();
        Bucket current = current(now);
        for (String id : subscriptionIds) {
            current.counts().merge(id, 1L, Long::sum);
        }
        if (!exported) {
            export(now);
        }
    }

    @Scheduled(every = "10s", delayed = "10s")
    synchronized void refresh() {
        export(clock.millis());
    }

    /** The busiest subscriptions of the last hour and their matches, busiest first (ties by id). */
    public synchronized Map<String, Long> top() {
        return top(clock.millis());
    }

    private Map<String, Long> top(long now) {
        dropOlderThan(now - WINDOW.toMillis());
        Map<String, Long> sum = new HashMap<>();
        for (Bucket b : buckets) {
            b.counts().forEach((id, n) -> sum.merge(id, n, Long::sum));
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>(sum.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : entries.subList(0, Math.min(TOP, entries.size()))) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private void export(long now) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        top(now).forEach((id, n) -> rows.add(MultiGauge.Row.of(Tags.of("subscription", id), n)));
        // Overwrite: a subscription that left the top is no longer exported.
        gauge.register(rows, true);
        exported = true;
    }

    private Bucket current(long now) {
        long start = now - Math.floorMod(now, bucketMillis);
        Bucket last = buckets.peekLast();
        if (last == null || last.start() != start) {
            last = new Bucket(start, new HashMap<>());
            buckets.addLast(last);
        }
        return last;
    }

    /** A bucket wholly before the window's start is dropped; the oldest kept may reach a little before it. */
    private void dropOlderThan(long from) {
        while (!buckets.isEmpty() && buckets.peekFirst().start() + bucketMillis <= from) {
            buckets.removeFirst();
        }
    }
}
