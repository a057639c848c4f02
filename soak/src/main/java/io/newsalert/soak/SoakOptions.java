package io.newsalert.soak;

import io.newsalert.soak.faults.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ./soak.sh} was asked for.
 *
 * @param pollSeconds every feed's poll interval (ingest's floor is set to 1 s for the run)
 * @param window how many newest items each feed lists
 * @param endpoints how many webhook endpoints (ports) the subscriptions are spread over
 * @param drainMinutes how long the deliveries may take to settle, at most, counted from when the load
 *     has stopped and the expected set is known, whichever is later
 * @param minVisibleSeconds how long a revision must be served (outside outages) to be owed to the subscribers
 * @param retrySchedule alert-service's delivery retry schedule for the run (shorter than the product's
 *     5s..6h, so that retries after the webhook fault land within the drain)
 */
public record SoakOptions(double minutes, double rate, int feeds, int subscriptions, List<Fault> faults, int pollSeconds, int window,
        int endpoints, double drainMinutes, int minVisibleSeconds, String retrySchedule, long seed) {

    static final String USAGE = """
            ./soak.sh --minutes M --rate R --feeds F --subscriptions S [--fault NAME]...
                      [--poll-seconds 2] [--window 40] [--endpoints 16] [--drain-minutes 8]
                      [--min-visible-seconds 3*poll+4] [--retry-schedule 2s,5s,15s,30s,60s,120s,300s] [--seed 1]
            faults: kill-ingest kill-enrich kill-alert kill-all broker-stop webhook-500 garbage-feed burst""";

    public static SoakOptions parse(String[] args) {
        double minutes = 2;
        double rate = 5;
        int feeds = 20;
        int subscriptions = 500;
        List<Fault> faults = new ArrayList<>();
        int poll = 2;
        int window = 40;
        int endpoints = 16;
        double drain = 8;
        Integer minVisible = null;
        String retry = "2s,5s,15s,30s,60s,120s,300s";
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value\n" + USAGE);
            }
            String v = args[++i];
            switch (a) {
                case "--minutes" -> minutes = Double.parseDouble(v);
                case "--rate" -> rate = Double.parseDouble(v);
                case "--feeds" -> feeds = Integer.parseInt(v);
                case "--subscriptions" -> subscriptions = Integer.parseInt(v);
                case "--fault" -> faults.add(Fault.parse(v));
                case "--poll-seconds" -> poll = Integer.parseInt(v);
                case "--window" -> window = Integer.parseInt(v);
                case "--endpoints" -> endpoints = Integer.parseInt(v);
                case "--drain-minutes" -> drain = Double.parseDouble(v);
                case "--min-visible-seconds" -> minVisible = Integer.parseInt(v);
                case "--retry-schedule" -> retry = v;
                case "--seed" -> seed = Long.parseLong(v);
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
        }
        if (minutes <= 0 || rate <= 0 || feeds < 1 || subscriptions < 1 || poll < 1 || window < 1 || endpoints < 1) {
            throw new IllegalArgumentException("minutes, rate, feeds, subscriptions, poll, window and endpoints must be positive\n" + USAGE);
        }
        return new SoakOptions(minutes, rate, feeds, subscriptions, List.copyOf(faults), poll, window, endpoints, drain,
                minVisible == null ? 3 * poll + 4 : minVisible, retry, seed);
    }

    public Duration load() {
        return Duration.ofMillis((long) (minutes * 60_000));
    }

    public Duration pollInterval() {
        return Duration.ofSeconds(pollSeconds);
    }

    /**
     * alert-service's rate limit for the run (its default), set explicitly on the service so that the
     * query rarity and the report's rate-limit count plan for the limit it really applies: immediate
     * alerts per subscription per {@link #RATE_LIMIT_WINDOW}.
     */
    public static final int RATE_LIMIT_PER_MINUTE = 30;

    public static final Duration RATE_LIMIT_WINDOW = Duration.ofMinutes(1);

    /** Stories a minute at the load's peak: the burst's rate when a burst is asked for. */
    public double peakStoriesPerMinute() {
        return rate * 60 * (faults.contains(Fault.BURST) ? 10 : 1);
    }

    /**
     * The largest share of articles one query may match: alert-service sends at most 30 alerts a
     * minute per subscription immediately (the rest go into the hourly digest, which a run cannot
     * wait for). A third of that at the load's peak, so that even a query that matches a burst minute
     * more often than its share (its count is Poisson-distributed) stays below the limit.
     */
    public double maxQueryShare() {
        return Math.min(0.05, RATE_LIMIT_PER_MINUTE / 3.0 / peakStoriesPerMinute());
    }

    /**
     * How many sample articles the query rarity is judged on: enough that a query matching as often
     * as the limit allows would be seen about 40 times, and so cannot pass for one at a third of it
     * by chance (Poisson: below one in a million). A 2,000-article sample judged a 0.1 % share on 2
     * hits, and some queries then matched over 30 stories of the burst minute.
     */
    public int sampleArticles() {
        double limitShare = RATE_LIMIT_PER_MINUTE / peakStoriesPerMinute();
        return (int) Math.max(2000, Math.min(40_000, Math.ceil(40 / limitShare)));
    }
}
