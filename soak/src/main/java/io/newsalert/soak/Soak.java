package io.newsalert.soak;

import io.newsalert.soak.corpus.Revision;
import io.newsalert.soak.corpus.SentencePool;
import io.newsalert.soak.corpus.Story;
import io.newsalert.soak.corpus.StoryWriter;
import io.newsalert.soak.faults.Fault;
import io.newsalert.soak.faults.FaultRunner;
import io.newsalert.soak.feeds.FeedServer;
import io.newsalert.soak.feeds.Newsroom;
import io.newsalert.soak.feeds.SyntheticFeed;
import io.newsalert.soak.ledger.DigestHeld;
import io.newsalert.soak.ledger.Expectation;
import io.newsalert.soak.ledger.ExpectedMatches;
import io.newsalert.soak.ledger.LedgerCheck;
import io.newsalert.soak.ledger.LedgerReport;
import io.newsalert.soak.ledger.Outages;
import io.newsalert.soak.ledger.Pair;
import io.newsalert.soak.ledger.RateLimitCheck;
import io.newsalert.soak.receiver.DeliveryRecorder;
import io.newsalert.soak.receiver.Receipt;
import io.newsalert.soak.subscribers.QueryMaker;
import io.newsalert.soak.subscribers.Subscribers;
import io.newsalert.soak.system.Api;
import io.newsalert.soak.system.ChildProcess;
import io.newsalert.soak.system.LocalSystem;
import io.newsalert.soak.system.ResourceSampler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./soak.sh}: runs the whole system under synthetic load for a set time, injects the chosen
 * faults, lets deliveries settle, and checks the ledger: every (subscription, article) pair that
 * should have matched delivered exactly once, nothing else delivered. Prints a table and ends with
 * one line {@code lost=N duplicated=N delivered=N expected=N p50_ms=N p99_ms=N}; exits 1 when
 * anything was lost or duplicated, 2 on a bad command line, 3 when the run itself failed.
 *
 * <p>"Expected" follows DESIGN.md's delivery semantics: one notification per (subscription, article)
 * whatever its revisions; a pair is owed when any revision of the article that the feeds served long
 * enough (outside outages) matches — see {@link Expectation}. "Duplicated" counts pairs received
 * under more than one delivery id (what a receiver deduplicating on {@code webhook-id}, as the README
 * asks, would still see twice); calls repeating a delivery id are reported separately.
 */
public final class Soak {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final SoakOptions options;
    private final Path root;
    private final Path runDir;
    private final StringBuilder table = new StringBuilder();
    /** Expected pairs held for a digest that was not due before the run ended ({@link DigestHeld}). */
    private int heldForDigest;
    private String lostSummary;
    private final List<FaultStart> faultStarts = new ArrayList<>();

    Soak(SoakOptions options, Path root, Path runDir) {
        this.options = options;
        this.root = root;
        this.runDir = runDir;
    }

    public static void main(String[] args) throws Exception {
        SoakOptions options;
        try {
            options = SoakOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // Ctrl-C or SIGTERM must not leave the broker and the services running.
        Runtime.getRuntime().addShutdownHook(new Thread(Soak::stopChildren));
        Path root = Path.of(System.getProperty("newsalert.root", ".")).toAbsolutePath().normalize();
        Path runDir = root.resolve("soak/target/runs/" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
                .format(Instant.now()));
        Files.createDirectories(runDir);
        LedgerReport report;
        try {
            report = new Soak(options, root, runDir).run();
        } catch (Exception | Error e) {
            // Some client threads are not daemons: without an explicit exit the JVM would linger.
            e.printStackTrace();
            System.exit(3);
            return;
        }
        System.exit(report.lost() == 0 && report.duplicated() == 0 ? 0 : 1);
    }

    /** SIGTERM, then kill -9 after 15 s: a service whose broker is gone may hang in its shutdown. */
    private static void stopChildren() {
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        children.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        for (ProcessHandle p : children) {
            try {
                p.onExit().get(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    static void say(String s) {
        System.out.println("[soak " + CLOCK.format(Instant.now()) + "] " + s);
        System.out.flush();
    }

    LedgerReport run() throws Exception {
        say("run directory " + runDir + " (logs/ holds each process's log)");
        Path data = root.resolveSibling("shared/data");
        if (!Files.isDirectory(data)) {
            data = Path.of(System.getProperty("newsalert.data", "/work/shared/data"));
        }
        SentencePool pool = SentencePool.load(data);
        say("sentences: " + pool.size() + " from 10kGNAD and GermEval 2014 (" + data + ")");

        List<Revision> sample = new ArrayList<>();
        StoryWriter sampleWriter = new StoryWriter(pool, options.seed() + 1000);
        for (int i = 0; i < options.sampleArticles(); i++) {
            sample.add(sampleWriter.first());
        }
        List<String> queries = new QueryMaker(options.seed()).queries(sample, options.subscriptions(), options.maxQueryShare());
        say(options.subscriptions() + " queries, " + new HashSet<>(queries).size() + " distinct, each matching at most "
                + String.format("%.3f", options.maxQueryShare() * 100) + " % of a " + sample.size() + "-article sample");

        String adminKey = "soak-" + UUID.randomUUID();
        Api api = new Api(adminKey);
        Outages outages = new Outages();
        List<SyntheticFeed> feeds = new ArrayList<>();
        for (int i = 0; i < options.feeds(); i++) {
            feeds.add(new SyntheticFeed(i, options.window()));
        }
        try (DeliveryRecorder recorder = new DeliveryRecorder(options.endpoints());
                FeedServer feedServer = new FeedServer(feeds);
                LocalSystem system = new LocalSystem(new LocalSystem.Settings(root, runDir, adminKey, options.retrySchedule(), "60s"))) {
            ResourceSampler sampler = new ResourceSampler(system, api);
            Instant t0 = Instant.now();
            say("starting the broker and the three services");
            system.start(Duration.ofSeconds(300));
            sampler.start(Duration.ofSeconds(3));
            say("system ready after " + Duration.between(t0, Instant.now()).toSeconds() + " s; registering " + queries.size() + " subscriptions");

            Instant s0 = Instant.now();
            List<Subscribers.Registered> subscriptions = Subscribers.register(api, system.uri(system.alert, "/api/subscriptions"), queries, recorder);
            awaitMatcherLoadedOrWait(api, system, subscriptions.size());
            say("subscriptions registered and loaded in " + Duration.between(s0, Instant.now()).toSeconds() + " s");

            for (SyntheticFeed f : feeds) {
                Api.Answer a = api.post(system.uri(system.ingest, "/api/feeds"), Map.of("url", feedServer.url(f).toString(),
                        "title", "Soak-Feed " + f.index(), "pollIntervalSeconds", options.pollSeconds(), "enabled", true));
                if (a.status() != 200 && a.status() != 201) {
                    throw new IllegalStateException("POST /api/feeds answered " + a.status() + ": " + a.body());
                }
            }
            say(feeds.size() + " feeds registered, polled every " + options.pollSeconds() + " s");

            Newsroom newsroom = new Newsroom(feeds, new StoryWriter(pool, options.seed()),
                    new Newsroom.Settings(options.rate(), 0.10, 0.05, Duration.ofSeconds(45), options.seed()));
            FaultRunner faults = new FaultRunner(system, recorder, newsroom, feeds, outages, options.pollInterval(), Soak::say);
            Instant loadStart = Instant.now();
            newsroom.start();
            say("load: " + options.rate() + " stories/s for " + options.minutes() + " min"
                    + (options.faults().isEmpty() ? "" : ", faults " + options.faults().stream().map(Fault::cliName).toList()));
            Thread faultThread = new Thread(() -> runFaults(faults, loadStart), "faults");
            faultThread.start();
            Instant loadEnd = loadStart.plus(options.load());
            while (Instant.now().isBefore(loadEnd) || faultThread.isAlive()) {
                Thread.sleep(1000);
                checkAlive(system);
                if (Duration.between(loadStart, Instant.now()).toSeconds() % 30 == 0) {
                    say(String.format("load %ds: %d stories, %d alerts received", Duration.between(loadStart, Instant.now()).toSeconds(),
                            newsroom.stories().size(), recorder.receiptCount()));
                }
            }
            newsroom.stopRevising();
            newsroom.stopPublishing();
            Instant loadStop = Instant.now();
            List<Story> stories = newsroom.stories();
            say("load done: " + stories.size() + " stories in " + Duration.between(loadStart, loadStop).toSeconds() + " s; computing the expected set");

            Instant drainUntil = loadStop.plusMillis((long) (options.drainMinutes() * 60_000));
            // Publishing has stopped, so what is listed now stays listed through the drain.
            Expectation expectation = ExpectedMatches.compute(stories, subscriptions, outages, Duration.ofSeconds(options.minVisibleSeconds()),
                    drainUntil, api, system.uri(system.enrich, "/api/enrich"));
            say("expected: " + expectation.must().size() + " pairs must be delivered, " + expectation.may().size()
                    + " may (matched only by a briefly served revision); draining");

            // The drain runs its full time after the expected set is known: computing it may take minutes
            // at scale, and the system's backlog keeps draining meanwhile.
            drain(expectation, recorder, system, max(drainUntil, Instant.now().plusMillis((long) (options.drainMinutes() * 60_000))));
            Instant drainEnd = Instant.now();
            // A pair the rate limit moved into a digest is due when its hour ends, after the run: apart, not lost.
            Set<Pair> received = new HashSet<>();
            recorder.receipts().stream().filter(Receipt::verified).forEach(r -> received.add(new Pair(r.subscriptionId(), r.articleId())));
            Set<Pair> held = new HashSet<>();
            try {
                held.addAll(DigestHeld.read(system.bootstrap(), Duration.ofSeconds(60)));
            } catch (RuntimeException e) {
                say("could not read the delivery ledger (" + e + "): pairs held for a digest count as lost");
            }
            held.removeAll(received);
            held.retainAll(expectation.must().keySet());
            say("held for a digest not yet due: " + held.size() + " expected pairs (alerts.deliveries.state), not counted as lost");
            heldForDigest = held.size();
            expectation = expectation.without(held);
            LedgerReport report = LedgerCheck.check(expectation, recorder.receipts());
            String alertMetrics = metricsOf(api, system, system.alert);
            String ingestMetrics = metricsOf(api, system, system.ingest);
            String garbageHealth = faults.garbageFeed() == null ? null : feedHealth(api, system, feedServer, faults.garbageFeed());
            sampler.close();
            String diagnosis = lostDiagnosis(api, system, expectation, recorder.receipts());
            printTable(report, expectation, recorder.receipts(), stories, subscriptions, feedServer, recorder, system, sampler, faults, outages, loadStart, loadStop, drainEnd,
                    alertMetrics, ingestMetrics, garbageHealth);
            writeSamples(report, expectation, recorder.receipts(), diagnosis);
            Files.writeString(runDir.resolve("report.txt"), table + report.summaryLine() + "\n", StandardCharsets.UTF_8);
            System.out.print(table);
            System.out.println(report.summaryLine());
            return report;
        }
    }

    private void runFaults(FaultRunner faults, Instant loadStart) {
        // Spread over the load, so that each fault has a window of its own (its stories) to be judged on;
        // the last minute stays free of new faults, and each starts at least 20 s after the one before.
        int n = options.faults().size();
        long first = Math.min(30_000, options.load().toMillis() / 4);
        long slot = n == 0 ? 0 : Math.max(0, (options.load().toMillis() - first - 60_000) / n);
        Instant previousEnd = loadStart;
        try {
            for (int i = 0; i < n; i++) {
                Instant planned = loadStart.plusMillis(first + i * slot);
                Instant at = i == 0 ? planned : max(planned, previousEnd.plusSeconds(20));
                Thread.sleep(Math.max(0, Duration.between(Instant.now(), at).toMillis()));
                Fault f = options.faults().get(i);
                synchronized (faultStarts) {
                    faultStarts.add(new FaultStart(f, Instant.now()));
                }
                faults.run(f);
                previousEnd = Instant.now();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            say("fault injection failed: " + e);
            e.printStackTrace();
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * The ledger per window: the stories that became visible before the first fault, then from each
     * fault's start to the next one's (the last to the end). A fault's effects reach past its
     * window (retries, a backlog), and the stories of its window are the ones it hit.
     */
    private List<Window> windows(Instant loadStart) {
        List<FaultStart> starts;
        synchronized (faultStarts) {
            starts = List.copyOf(faultStarts);
        }
        List<Window> out = new ArrayList<>();
        if (starts.isEmpty()) {
            return out;
        }
        out.add(new Window("before faults", loadStart, starts.get(0).at()));
        for (int i = 0; i < starts.size(); i++) {
            Instant until = i + 1 < starts.size() ? starts.get(i + 1).at() : Instant.MAX;
            out.add(new Window(starts.get(i).fault().cliName(), starts.get(i).at(), until));
        }
        return out;
    }

    private record FaultStart(Fault fault, Instant at) {}

    private record Window(String name, Instant from, Instant until) {}

    private static void checkAlive(LocalSystem system) {
        // A restart in progress is the fault runner's business; a process that dies on its own is a finding.
        for (ChildProcess p : system.all()) {
            if (!p.isAlive() && p.pid() > 0) {
                say("WARNING: " + p.name() + " is not running; its log ends:\n" + p.logTail(20));
            }
        }
    }

    private static void awaitMatcherLoaded(Api api, LocalSystem system, int count) throws Exception {
        Pattern active = Pattern.compile("^newsalert_alert_subscriptions_active\\S*\\s+([0-9.eE+]+)", Pattern.MULTILINE);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        double seen = -1;
        while (System.nanoTime() < deadline) {
            Matcher m = active.matcher(api.getText(system.uri(system.alert, "/q/metrics")));
            if (m.find()) {
                seen = Double.parseDouble(m.group(1));
                if (seen >= count) {
                    return;
                }
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("alert-service's matcher holds " + seen + " of " + count + " subscriptions after 5 minutes");
    }

    private static void awaitMatcherLoadedOrWait(Api api, LocalSystem system, int count) throws Exception {
        // The gauge appears once the article intake exists, which may be only after the first article:
        // without it, give the matcher's batch updater (it applies changes within about a second) ten.
        if (api.getText(system.uri(system.alert, "/q/metrics")).contains("newsalert_alert_subscriptions_active")) {
            awaitMatcherLoaded(api, system, count);
        } else {
            Thread.sleep(10_000);
        }
    }

    /**
     * Waits until every owed pair arrived (or is held for a digest not yet due) and 20 s passed
     * without a new alert, or the drain time is up. A held pair is due after the run: waiting for it
     * only runs the drain to its end.
     */
    private static void drain(Expectation expectation, DeliveryRecorder recorder, LocalSystem system, Instant until) throws Exception {
        int lastCount = -1;
        Instant lastChange = Instant.now();
        Instant lastSay = Instant.EPOCH;
        Instant lastHeldCheck = Instant.EPOCH;
        while (Instant.now().isBefore(until)) {
            List<Receipt> receipts = recorder.receipts();
            Set<Pair> got = new HashSet<>();
            for (Receipt r : receipts) {
                if (r.verified()) {
                    got.add(new Pair(r.subscriptionId(), r.articleId()));
                }
            }
            Set<Pair> missing = new HashSet<>();
            expectation.must().keySet().stream().filter(p -> !got.contains(p)).forEach(missing::add);
            if (receipts.size() != lastCount) {
                lastCount = receipts.size();
                lastChange = Instant.now();
            }
            boolean quiet = Duration.between(lastChange, Instant.now()).toSeconds() >= 20;
            if (missing.isEmpty() && quiet) {
                say("drained: every expected pair delivered, no alert for 20 s");
                return;
            }
            // Reading the ledger takes seconds at scale: once a minute, and only once alerts have stopped coming.
            if (quiet && Duration.between(lastHeldCheck, Instant.now()).toSeconds() >= 60) {
                lastHeldCheck = Instant.now();
                try {
                    if (DigestHeld.read(system.bootstrap(), Duration.ofSeconds(60)).containsAll(missing)) {
                        say("drained: every expected pair delivered or held for a digest not yet due (" + missing.size()
                                + " held), no alert for 20 s");
                        return;
                    }
                } catch (RuntimeException e) {
                    say("could not read the delivery ledger while draining (" + e + "); draining on");
                }
            }
            if (Duration.between(lastSay, Instant.now()).toSeconds() >= 30) {
                say("draining: " + missing.size() + " expected pairs not delivered yet, " + receipts.size() + " alerts received");
                lastSay = Instant.now();
            }
            checkAlive(system);
            Thread.sleep(2000);
        }
        say("drain time is up");
    }

    private static String metricsOf(Api api, LocalSystem system, ChildProcess p) {
        try {
            return api.getText(system.uri(p, "/q/metrics"));
        } catch (Exception e) {
            return "";
        }
    }

    private static String feedHealth(Api api, LocalSystem system, FeedServer server, SyntheticFeed feed) {
        try {
            Api.Answer all = api.get(system.uri(system.ingest, "/api/feeds"));
            for (var f : all.json()) {
                if (f.path("url").asText().equals(server.url(feed).toString())) {
                    return f.path("health").toString();
                }
            }
            return "(feed not listed)";
        } catch (Exception e) {
            return "(cannot read: " + e + ")";
        }
    }

    static double metric(String text, String name) {
        double sum = 0;
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})?\\s+([0-9.eE+-]+)", Pattern.MULTILINE).matcher(text);
        while (m.find()) {
            sum += Double.parseDouble(m.group(2));
        }
        return sum;
    }

    private void line(String format, Object... args) {
        table.append(String.format(format, args)).append('\n');
    }

    private void printTable(LedgerReport r, Expectation expectation, List<Receipt> receipts, List<Story> stories, List<Subscribers.Registered> subs, FeedServer feedServer,
            DeliveryRecorder recorder, LocalSystem system, ResourceSampler sampler, FaultRunner faults, Outages outages, Instant loadStart,
            Instant loadStop, Instant drainEnd, String alertMetrics, String ingestMetrics, String garbageHealth) {
        double loadSeconds = Duration.between(loadStart, loadStop).toMillis() / 1000.0;
        double wholeSeconds = Duration.between(loadStart, drainEnd).toMillis() / 1000.0;
        long revisions = stories.stream().mapToLong(s -> s.shown(drainEnd).stream().map(x -> x.revision().number()).distinct().count()).sum();
        line("");
        line("================ soak run ================");
        line("asked          minutes=%s rate=%s/s feeds=%d subscriptions=%d faults=%s poll=%ds window=%d endpoints=%d",
                options.minutes(), options.rate(), options.feeds(), options.subscriptions(),
                options.faults().stream().map(Fault::cliName).toList(), options.pollSeconds(), options.window(), options.endpoints());
        line("load           %d stories (%d revisions served) in %.0f s = %.2f stories/s; drain %.0f s",
                stories.size(), revisions, loadSeconds, stories.size() / loadSeconds, wholeSeconds - loadSeconds);
        line("feeds          %d requests, %d answered 304", feedServer.requests(), feedServer.notModified());
        line("ingest         %.0f articles published", metric(ingestMetrics, "newsalert_ingest_articles_published_total"));
        line("webhooks       %d calls, %d alerts received (%.1f/s over load+drain), %d refused with 500 by the fault, %d bad signatures",
                recorder.calls(), r.receipts(), r.receipts() / wholeSeconds, recorder.refused(), recorder.badSignatures());
        line("alert-service  dlq=%.0f rate-limited(to digest)=%.0f deduplicated=%.0f (counters since its last start)",
                metric(alertMetrics, "newsalert_alert_dlq_total"), metric(alertMetrics, "newsalert_alert_deliveries_rate_limited_total"),
                metric(alertMetrics, "newsalert_alert_deliveries_deduplicated_total"));
        line("latency        feed item visible -> webhook received: p50=%d ms p95=%d ms p99=%d ms max=%d ms (%d pairs)",
                r.latencyMs(0.5), r.latencyMs(0.95), r.latencyMs(0.99), r.latencyMs(1.0), r.latenciesMs().length);
        line("ledger         expected=%d delivered=%d lost=%d held-for-digest=%d", r.expected(), r.delivered(), r.lost(), heldForDigest);
        line("               duplicated=%d (pairs received under >1 delivery id: duplicates even for a receiver that dedupes on webhook-id)",
                r.duplicated());
        line("               redelivered=%d (calls repeating a delivery id already received: allowed by DESIGN.md, deduped by webhook-id)",
                r.redelivered());
        line("               unexpected=%d (pairs no revision should match) tolerated=%d (matched only by a briefly served revision)",
                r.unexpected(), r.tolerated());
        line("               receipts=%d distinct pairs=%d digested=%d unverified=%d", r.receipts(), r.distinctPairs(), r.digested(),
                r.unverified());
        RateLimitCheck.Result over = RateLimitCheck.check(expectation.must(), SoakOptions.RATE_LIMIT_PER_MINUTE,
                SoakOptions.RATE_LIMIT_WINDOW);
        line("               over the rate limit=%d pairs of %d subscriptions (owed pairs beyond %d a minute of visible time; the dispatcher counts fetch time, so these may or may not go to the digest)",
                over.pairsOver(), over.subscriptionsOver(), SoakOptions.RATE_LIMIT_PER_MINUTE);
        if (lostSummary != null) {
            line("               lost, by what alert-service knows: %s", lostSummary);
        }
        line("processes      name            cpu_s   cpu%%/core  peak_heap_MB  peak_rss_MB  starts");
        for (ChildProcess p : system.all()) {
            double cpu = p.cpu().toMillis() / 1000.0;
            line("               %-14s %7.1f  %8.0f  %12s  %11d  %6d", p.name(), cpu, 100 * cpu / wholeSeconds,
                    p == system.broker ? "-" : String.valueOf(sampler.peakHeap().getOrDefault(p.name(), 0L) / 1_048_576),
                    sampler.peakRss().getOrDefault(p.name(), 0L) / 1_048_576, p.starts());
        }
        line("machine        load average mean %.1f peak %.1f (%d cores)", sampler.meanLoad(), sampler.peakLoad(),
                Runtime.getRuntime().availableProcessors());
        for (FaultRunner.Event e : faults.events()) {
            line("fault          %-13s %s at +%ds for %ds", e.fault().cliName(), e.what(), Duration.between(loadStart, e.from()).toSeconds(),
                    Duration.between(e.from(), e.until()).toSeconds());
        }
        for (Outages.Interval i : outages.all()) {
            line("outage         %s at +%ds for %ds (revisions served only then are not owed)", i.what(),
                    Duration.between(loadStart, i.from()).toSeconds(), Duration.between(i.from(), i.until()).toSeconds());
        }
        if (garbageHealth != null) {
            line("garbage feed   health as ingest reports it: %s", garbageHealth);
        }
        for (Window w : windows(loadStart)) {
            LedgerReport wr = LedgerCheck.check(expectation, receipts, w.from(), w.until());
            line("window         %-13s stories visible +%ds..%s: delivered/expected=%d/%d lost=%d duplicated=%d unexpected=%d p50=%d ms p99=%d ms",
                    w.name(), Duration.between(loadStart, w.from()).toSeconds(),
                    w.until().equals(Instant.MAX) ? "end" : "+" + Duration.between(loadStart, w.until()).toSeconds() + "s",
                    wr.delivered(), wr.expected(), wr.lost(), wr.duplicated(), wr.unexpected(), wr.latencyMs(0.5), wr.latencyMs(0.99));
        }
        line("details        %s (lost/duplicated/unexpected samples)", runDir.resolve("ledger-samples.txt"));
        line("==========================================");
    }

    /**
     * For lost pairs (at most 300 subscriptions asked): did alert-service match the article
     * ({@code /matches}) and what does its delivery log say ({@code /deliveries})? A match without
     * an outcome is usually held for the hourly digest (rate limit) — not lost, but not seen within the run.
     */
    private String lostDiagnosis(Api api, LocalSystem system, Expectation e, List<Receipt> receipts) {
        Set<Pair> got = new HashSet<>();
        receipts.stream().filter(Receipt::verified).forEach(r -> got.add(new Pair(r.subscriptionId(), r.articleId())));
        Map<String, List<String>> lostBySub = new java.util.TreeMap<>();
        e.must().keySet().stream().filter(p -> !got.contains(p))
                .forEach(p -> lostBySub.computeIfAbsent(p.subscriptionId(), k -> new ArrayList<>()).add(p.articleId()));
        if (lostBySub.isEmpty()) {
            return "";
        }
        int matchedNoOutcome = 0;
        int outcome = 0;
        int unmatched = 0;
        StringBuilder b = new StringBuilder();
        int asked = 0;
        for (Map.Entry<String, List<String>> en : lostBySub.entrySet()) {
            if (asked++ >= 300) {
                break;
            }
            try {
                String matches = api.get(system.uri(system.alert, "/api/subscriptions/" + en.getKey() + "/matches")).body();
                String deliveries = api.get(system.uri(system.alert, "/api/subscriptions/" + en.getKey() + "/deliveries")).body();
                for (String article : en.getValue()) {
                    String what;
                    if (deliveries.contains(article)) {
                        outcome++;
                        what = "has a delivery outcome (not delivered): see /deliveries";
                    } else if (matches.contains(article)) {
                        matchedNoOutcome++;
                        what = "matched, no delivery outcome (held for a digest, or never sent)";
                    } else {
                        unmatched++;
                        what = "no match record in alert-service (not matched, or older than the newest 50)";
                    }
                    b.append("  ").append(en.getKey()).append(' ').append(article).append(": ").append(what).append('\n');
                }
            } catch (Exception ex) {
                b.append("  ").append(en.getKey()).append(": cannot ask alert-service: ").append(ex).append('\n');
            }
        }
        lostSummary = String.format("%d matched without a delivery outcome (held for a digest?), %d with an outcome, %d without a match record",
                matchedNoOutcome, outcome, unmatched);
        return b.toString();
    }

    private void writeSamples(LedgerReport r, Expectation e, List<Receipt> receipts, String lostDiagnosis) throws Exception {
        StringBuilder b = new StringBuilder();
        b.append("lost pairs, by what alert-service knows:\n").append(lostDiagnosis);
        b.append("lost (subscription, article, visible at):\n");
        for (Pair p : r.lostSamples()) {
            b.append("  ").append(p).append(" visible ").append(e.must().get(p)).append('\n');
        }
        b.append("duplicated, with every receipt:\n");
        for (Pair p : r.duplicatedSamples()) {
            b.append("  ").append(p).append('\n');
            receipts.stream().filter(x -> x.subscriptionId().equals(p.subscriptionId()) && p.articleId().equals(x.articleId()))
                    .forEach(x -> b.append("    ").append(x).append('\n'));
        }
        b.append("unexpected:\n");
        for (Pair p : r.unexpectedSamples()) {
            b.append("  ").append(p).append('\n');
        }
        Files.writeString(runDir.resolve("ledger-samples.txt"), b, StandardCharsets.UTF_8);
    }
}
