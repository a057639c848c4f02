package io.newsalert.alert.match;

import io.newsalert.alert.analysis.ArticleSchema;
import io.newsalert.alert.analysis.CompoundSplitter;
import io.newsalert.alert.query.CompiledQuery;
import io.newsalert.alert.query.QueryCompiler;
import io.newsalert.events.Channel;
import io.newsalert.events.Entity;
import io.newsalert.events.EntityType;
import io.newsalert.events.Frequency;
import io.newsalert.events.SchemaVersion;
import io.newsalert.events.Subscription;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.Test;

/**
 * Articles per second against 1k, 10k and 100k subscriptions, the matcher's heap, and the speed-up
 * over a loop that runs every query against every article. Not a test (its name keeps it out of
 * the suite); run with {@code ./mvnw -B -o -pl alert-service -am -Pbench test -Dtest=MatcherBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} ({@code -Dbench.sizes=1000,10000} for fewer sizes).
 * Prints a table and writes it to target/bench-matcher.txt. The machine is shared, so the main
 * figures are per CPU-second of the matching thread (ThreadMXBean), wall time beside them, and
 * beside the mean over the timed passes the best pass: other tenants of a shared host slow a
 * thread's CPU-second too (caches, memory bandwidth), and the best pass is the least disturbed.
 * Beside them, per CPU-second of the whole process (column "process"): the collector's and the
 * compiler's threads work for the matcher too, and on one core they would take the same core; the
 * line "during the timed passes" says how many collections there were and which threads worked.
 *
 * <p>Articles: the German news articles of 10kGNAD (test resource), second half. Entities: the
 * capitalised word pairs of each article, as a stand-in for enrich-service's names.
 *
 * <p>Queries (fixed seed), drawn from the first half: the kinds of the issue — single words (35%),
 * compounds (20%), phrases (15%), boolean combinations (20%: AND, OR, nested, NOT) and entity
 * filters (10%). The words are chosen by <em>document frequency</em>, the share of articles a
 * query on the word finds (its German stem, compound parts included, any case), because an alert
 * query is specific: a subscription that fires on one article in a hundred is a firehose that its
 * owner narrows or drops. Real alert traffic is a few alerts a day per subscription out of tens
 * of thousands of articles a day, i.e. a share well below 0.1 %. A 308-article sample cannot
 * resolve such rare words — a word seen once in it already stands for one article in 300 — so the
 * long tail is modelled by the words of jwordsplitter's German word list that the query half does
 * not contain (band 0 below; names and phrases have no band 0 and are drawn from the others).
 * Bands of document frequency in the query half's 308 articles and their shares:
 * {@link Vocabulary#BANDS} / {@link Vocabulary#BAND_SHARE}: 0 (80 %), 1 (14 %), 2–3 (4 %),
 * 4–10 (1.5 %), 11–30 (0.5 %, broad topics such as "Flüchtlinge"); words in more than 30 (10 %)
 * are never queried alone. The table prints the resulting matches per article, and below it the
 * share of articles each kind of query matches; {@code -Dbench.bandShare=0,0.70,0.22,0.07,0.01}
 * runs the heavier corpus-only mix for comparison.
 *
 * <p>The loop baseline runs the same compiled queries, each against the article's one-document
 * index built once per article (query cache off), and is timed in CPU time like the matcher.
 */
class MatcherBenchmark {

    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}-]*\\p{L}");
    private static final Pattern NAME = Pattern.compile("(?<=[\\p{Ll},] )(\\p{Lu}\\p{Ll}+ \\p{Lu}\\p{Ll}+)");

    /**
     * Warm-up before timing, as JMH warms up: the figure is what a long-running service gets once
     * the JIT has compiled the matching path, not the first seconds after start-up. At least
     * {@code -Dbench.warmup} passes over the articles and at least {@code -Dbench.warmupSeconds}
     * of the thread's CPU time. Three passes alone were too few: at 100,000 subscriptions the C2
     * compiler was still compiling the matching path after them (the first eight passes ran at
     * 220-810 articles per CPU-second, the ones after at 900-1,100), and a figure depended on how
     * far the compiler had got, on a busy host less far.
     */
    private static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmup", 3);
    private static final double WARMUP_SECONDS = Double.parseDouble(System.getProperty("bench.warmupSeconds", "20"));
    /** Timed passes over the articles ({@code -Dbench.rounds}). */
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);

    private int rowsPrinted;

    @Test
    void matchArticlesAgainstManySubscriptions() throws Exception {
        List<ArticleText> all = articles();
        // Queries are drawn from the first half of the corpus and matched against the second half:
        // subscribers write their queries before the articles they are alerted to.
        Vocabulary vocabulary = new Vocabulary(all.subList(0, all.size() / 2));
        List<ArticleText> articles = all.subList(all.size() / 2, all.size());
        QueryCompiler compiler = new QueryCompiler();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        StringBuilder out = new StringBuilder();
        out.append("matcher benchmark: " + articles.size() + " articles (10kGNAD), one thread, "
                + "warm-up of at least " + WARMUP_ROUNDS + " passes and " + WARMUP_SECONDS + " CPU-s and until the compiler is quiet, " + ROUNDS + " passes timed, load average "
                + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() + " at start, JVM options "
                + ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-X")).toList() + "\n");
        out.append(String.format("%-8s %10s %10s %11s %11s %11s %11s %9s %11s %11s %8s %12s %9s%n", "subs", "register s",
                "register", "articles/s", "articles/s", "articles/s", "articles/s", "ms/art", "candidates", "matches", "heap MB", "loop art/s", "vs loop"));
        out.append(String.format("%-8s %10s %10s %11s %11s %11s %11s %9s %11s %11s %8s %12s %9s%n", "", "wall", "CPU s",
                "wall", "per CPU-s", "best pass", "process", "CPU", "/article", "/article", "", "per CPU-s", "(CPU)"));
        Map<String, String> perKind = new LinkedHashMap<>();
        Map<String, String> phases = new LinkedHashMap<>();
        Map<String, String> warmUp = new LinkedHashMap<>();
        Map<String, String> duringPasses = new LinkedHashMap<>();
        Map<String, Long> checked = new LinkedHashMap<>();
        for (int n : sizes()) {
            List<Query> queries = vocabulary.queries(n, new Random(42));
            System.gc();
            long heapBefore = usedHeap();
            long t0 = System.nanoTime();
            long c0 = cpu.getCurrentThreadCpuTime();
            SubscriptionMatcher matcher = SubscriptionMatcher.standalone();
            Map<String, Optional<Subscription>> batch = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                batch.put("s" + i, Optional.of(subscription("s" + i, queries.get(i).text())));
            }
            matcher.apply(batch);
            batch = null;
            double registerSeconds = (System.nanoTime() - t0) / 1e9;
            double registerCpu = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
            System.gc();
            long heapMb = (usedHeap() - heapBefore) / (1024 * 1024);

            warmUp.put(String.valueOf(n), warmUp(matcher, articles, cpu));
            // Counted in an untimed pass: bookkeeping in the timed ones was code the compiler was still compiling during them.
            Map<String, Long> matchesByKind = new TreeMap<>();
            long matches = 0;
            for (ArticleText a : articles) {
                List<SubscriptionMatcher.Result> results = matcher.match(a);
                matches += results.size();
                for (SubscriptionMatcher.Result r : results) {
                    matchesByKind.merge(queries.get(Integer.parseInt(r.subscription().id().substring(1))).kind(), 1L, Long::sum);
                }
            }
            long start = System.nanoTime();
            long processStart = processCpu();
            long[] gcStart = collections();
            Map<String, Long> threadsStart = threadTicks();
            long cpuStart = cpu.getCurrentThreadCpuTime();
            double bestRound = Double.MAX_VALUE;
            for (int round = 0; round < ROUNDS; round++) {
                long roundStart = cpu.getCurrentThreadCpuTime();
                pass(matcher, articles);
                bestRound = Math.min(bestRound, (cpu.getCurrentThreadCpuTime() - roundStart) / 1e9);
            }
            double cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            // Every thread's CPU over the same passes: the collector's work for the matcher's garbage is part of its cost.
            double processSeconds = (processCpu() - processStart) / 1e9;
            long[] gcEnd = collections();
            duringPasses.put(String.valueOf(n), String.format("%d collections, %d ms of pauses, other threads %.0f %% of the process's CPU (%s), %s",
                    gcEnd[0] - gcStart[0], gcEnd[1] - gcStart[1], 100 * (processSeconds - cpuSeconds) / processSeconds,
                    busiest(threadsStart, threadTicks()), hugePages()));
            double bestPerCpuSecond = articles.size() / bestRound;
            double perSecond = ROUNDS * articles.size() / ((System.nanoTime() - start) / 1e9);
            double perCpuSecond = ROUNDS * articles.size() / cpuSeconds;
            double perProcessCpuSecond = ROUNDS * articles.size() / processSeconds;
            long candidates = 0;
            Map<String, Long> candidatesByKind = new TreeMap<>();
            for (ArticleText a : articles) {
                for (String id : matcher.candidatesFor(a)) {
                    candidates++;
                    candidatesByKind.merge(queries.get(Integer.parseInt(id.substring(1))).kind(), 1L, Long::sum);
                }
            }
            phases.put(String.valueOf(n), phases(matcher, articles, cpu));

            // The baseline: every query run against every article (no presearcher), on the same
            // one-document index, built once per article; measured on a few articles, as it is slow.
            List<CompiledQuery> compiled = new ArrayList<>();
            for (Query q : queries) {
                compiled.add(compiler.compile(q.text()));
            }
            int sample = Math.max(3, Math.min(50, 200_000 / n));
            for (int i = 0; i < 3; i++) {
                loop(compiled, articles.get(i));
            }
            long loopCpu = cpu.getCurrentThreadCpuTime();
            List<Set<String>> loopMatches = new ArrayList<>();
            for (int i = 0; i < sample; i++) {
                loopMatches.add(loop(compiled, articles.get(i)));
            }
            double loopPerCpuSecond = sample / ((cpu.getCurrentThreadCpuTime() - loopCpu) / 1e9);
            // A speed-up that loses (or invents) matches is worthless: the fast path must find exactly what the loop finds.
            for (int i = 0; i < sample; i++) {
                Set<String> fast = new TreeSet<>();
                matcher.match(articles.get(i)).forEach(r -> fast.add(r.subscription().id()));
                if (!fast.equals(loopMatches.get(i))) {
                    Set<String> missed = new TreeSet<>(loopMatches.get(i));
                    missed.removeAll(fast);
                    Set<String> extra = new TreeSet<>(fast);
                    extra.removeAll(loopMatches.get(i));
                    throw new AssertionError(n + " subscriptions, article " + i + ": the matcher missed " + describe(missed, queries)
                            + " and found in excess " + describe(extra, queries));
                }
            }
            checked.merge(String.valueOf(n), (long) sample, Long::sum);
            String row = String.format("%-8d %10.1f %10.1f %11.0f %11.0f %11.0f %11.0f %9.3f %11.1f %11.2f %8d %12.2f %8.0fx%n", n,
                    registerSeconds, registerCpu, perSecond, perCpuSecond, bestPerCpuSecond, perProcessCpuSecond, 1000 / perCpuSecond,
                    (double) candidates / articles.size(), (double) matches / articles.size(), heapMb, loopPerCpuSecond,
                    perCpuSecond / loopPerCpuSecond);
            StringBuilder kinds = new StringBuilder();
            Map<String, Long> queriesByKind = new TreeMap<>();
            queries.forEach(q -> queriesByKind.merge(q.kind(), 1L, Long::sum));
            queriesByKind.forEach((kind, count) -> kinds.append(String.format(
                    " %s %d queries %.2f matches/article (%.3f %%) %.1f candidates/article;",
                    kind, count, matchesByKind.getOrDefault(kind, 0L) / (double) articles.size(),
                    100.0 * matchesByKind.getOrDefault(kind, 0L) / articles.size() / count,
                    candidatesByKind.getOrDefault(kind, 0L) / (double) articles.size())));
            perKind.put(String.valueOf(n), kinds.toString());
            out.append(row);
            System.out.print(rowsPrinted++ == 0 ? out.toString() : row);
            System.out.flush();
        }
        StringBuilder tail = new StringBuilder("load average " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()
                + " at end\nmatches by kind (share of articles a query of that kind matches):\n");
        perKind.forEach((n, kinds) -> tail.append(n).append(':').append(kinds).append('\n'));
        tail.append("warm-up (articles per CPU-second of each pass, the first passes and the last three):\n");
        warmUp.forEach((n, passes) -> tail.append(n).append(": ").append(passes).append('\n'));
        tail.append("during the timed passes (the column \"process\" counts every thread's CPU: collector, compiler):\n");
        duringPasses.forEach((n, line) -> tail.append(n).append(": ").append(line).append('\n'));
        tail.append("CPU per article by phase (µs; each phase measured as the difference of the runs that stop before and after it):\n");
        phases.forEach((n, split) -> tail.append(n).append(": ").append(split).append('\n'));
        tail.append("same matches as the loop on ");
        checked.forEach((n, articleCount) -> tail.append(articleCount).append(" articles at ").append(n).append("; "));
        tail.append('\n');
        System.out.print(tail);
        out.append(tail);
        Files.writeString(Path.of("target/bench-matcher.txt"), out, StandardCharsets.UTF_8);
    }

    /** CPU ticks by thread name (digits dropped, so that "C2 CompilerThread0" and "…1" add up), from /proc; empty elsewhere. */
    private static Map<String, Long> threadTicks() {
        Map<String, Long> out = new TreeMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return out;
        }
        try (var dirs = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) dirs::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (java.nio.file.NoSuchFileException e) {
                    continue; // the thread ended between the listing and the read
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // utime and stime, fields 14 and 15 of proc(5).
                out.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The CPU the JIT compiler's threads have used, in ms: from /proc where there is one (it counts a
     * compilation still running, which the JVM's own total adds only when it ends), else the JVM's total.
     */
    private static long compilerMillis(java.lang.management.CompilationMXBean jit) {
        Map<String, Long> ticks = threadTicks();
        if (ticks.isEmpty()) {
            return jit.getTotalCompilationTime();
        }
        // Clock ticks are 10 ms on Linux (USER_HZ 100).
        return 10 * ticks.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre")).mapToLong(Map.Entry::getValue).sum();
    }

    /** The threads that used the most CPU between the two readings, with their ticks. */
    private static String busiest(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder out = new StringBuilder();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(5)
                .forEach(e -> out.append(out.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue()));
        return out.append(" ticks").toString();
    }

    /** {collections, milliseconds of collection} of every collector so far. */
    private static long[] collections() {
        long[] out = new long[2];
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out[0] += Math.max(0, gc.getCollectionCount());
            out[1] += Math.max(0, gc.getCollectionTime());
        }
        return out;
    }

    /**
     * How much of the process's memory is in 2 MB pages (the kernel's transparent huge pages): with
     * the heap in 4 kB pages, the matcher at 100k subscriptions was up to 1.96× slower in seven
     * alternating runs (median 1.34, one pair even).
     */
    private static String hugePages() {
        Path rollup = Path.of("/proc/self/smaps_rollup");
        if (!Files.exists(rollup)) {
            return "huge pages unknown (no " + rollup + ")";
        }
        try {
            for (String line : Files.readAllLines(rollup)) {
                if (line.startsWith("AnonHugePages:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return (kb / 1024) + " MB of the process in huge pages";
                }
            }
            return "huge pages unknown (no AnonHugePages in " + rollup + ")";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CPU time of every thread of this JVM (the matching thread, the collector's, the compiler's), in ns. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * One pass over the articles, the same code in the warm-up and the timed passes. Each had its own
     * loop, which was new code for the JIT compiler in the timed passes: in two runs they came out
     * 27–29 % below the last warm-up passes while the compiler was busy in them.
     */
    private static void pass(SubscriptionMatcher matcher, List<ArticleText> articles) {
        for (ArticleText a : articles) {
            matcher.match(a);
        }
    }

    /**
     * Warms the matcher up: at least {@link #WARMUP_ROUNDS} passes and {@link #WARMUP_SECONDS}, and
     * then on until the JIT compiler has been quiet for three passes (its threads' CPU under 2 % of theirs),
     * at most five times as long. On a slow host 20 CPU-s were not enough: the compiler took a
     * fifth of the process's CPU in the timed passes after them. Says how fast each pass went.
     */
    private static String warmUp(SubscriptionMatcher matcher, List<ArticleText> articles, ThreadMXBean cpu) {
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        List<Double> rates = new ArrayList<>();
        List<long[]> marks = new ArrayList<>();
        long start = cpu.getCurrentThreadCpuTime();
        while (true) {
            long c0 = cpu.getCurrentThreadCpuTime();
            pass(matcher, articles);
            long c1 = cpu.getCurrentThreadCpuTime();
            rates.add(articles.size() / ((c1 - c0) / 1e9));
            marks.add(new long[] {c1, compilerMillis(jit)});
            double seconds = (c1 - start) / 1e9;
            if (rates.size() < Math.max(WARMUP_ROUNDS, 4) || seconds < WARMUP_SECONDS) {
                continue;
            }
            long[] then = marks.get(marks.size() - 4);
            long[] now = marks.get(marks.size() - 1);
            boolean quiet = now[1] - then[1] < 0.02 * (now[0] - then[0]) / 1e6;
            if (quiet || seconds >= 5 * WARMUP_SECONDS) {
                break;
            }
        }
        StringBuilder out = new StringBuilder(String.format("%d passes in %.1f CPU-s, compiler %.1f s in all:", rates.size(),
                (cpu.getCurrentThreadCpuTime() - start) / 1e9, jit.getTotalCompilationTime() / 1e3));
        for (int i = 0; i < rates.size(); i++) {
            if (i < 10 || i >= rates.size() - 3) {
                out.append(String.format(" %.0f", rates.get(i)));
            } else if (i == 10) {
                out.append(" …");
            }
        }
        return out.toString();
    }

    /**
     * Where an article's CPU time goes: reading it (its terms and places, as the matcher reads every
     * article), the presearcher (the candidate index's lookups; this run also names each candidate
     * by its first subscription), settling the candidates (yes/no), and explaining the matches
     * (hits, spans, snippet). Each from the difference of two runs. (Until this stop the first phase
     * timed the one-document Lucene index, which the matcher builds only for the shapes only Lucene
     * runs, and the second phase held the reading.)
     */
    private static String phases(SubscriptionMatcher matcher, List<ArticleText> articles, ThreadMXBean cpu) throws IOException {
        long[] total = new long[4];
        for (int round = 0; round < 2; round++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            for (ArticleText a : articles) {
                ArticleDocument.forMatching(a);
            }
            long c1 = cpu.getCurrentThreadCpuTime();
            for (ArticleText a : articles) {
                matcher.candidatesFor(a);
            }
            long c2 = cpu.getCurrentThreadCpuTime();
            for (ArticleText a : articles) {
                matcher.countMatches(a);
            }
            long c3 = cpu.getCurrentThreadCpuTime();
            for (ArticleText a : articles) {
                matcher.match(a);
            }
            long c4 = cpu.getCurrentThreadCpuTime();
            if (round == 1) {
                // The first round warms the code paths that the timed rounds above did not take.
                total = new long[] {c1 - c0, c2 - c1, c3 - c2, c4 - c3};
            }
        }
        double n = articles.size() * 1000.0;
        return String.format("read article %.0f, presearch %.0f, run candidates %.0f, explain matches %.0f, total %.0f",
                total[0] / n, (total[1] - total[0]) / n, (total[2] - total[1]) / n, (total[3] - total[2]) / n, total[3] / n);
    }

    private static String describe(Set<String> ids, List<Query> queries) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            out.add(id + " " + queries.get(Integer.parseInt(id.substring(1))).text());
        }
        return out.toString();
    }

    /** -Dbench.sizes=1000,10000 to run fewer sizes. */
    private static int[] sizes() {
        return java.util.Arrays.stream(System.getProperty("bench.sizes", "1000,10000,100000").split(","))
                .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
    }

    /** The ids ("s" + index) of the queries that match the article, each query run on it. */
    private static Set<String> loop(List<CompiledQuery> queries, ArticleText article) throws IOException {
        IndexSearcher searcher = ArticleDocument.memoryIndex(article).createSearcher();
        searcher.setQueryCache(null);
        Set<String> hits = new TreeSet<>();
        for (int i = 0; i < queries.size(); i++) {
            if (searcher.count(queries.get(i).query()) > 0) {
                hits.add("s" + i);
            }
        }
        return hits;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static Subscription subscription(String id, String query) {
        return new Subscription(SchemaVersion.CURRENT, id, "bench", id, query, List.of(Channel.email("b@example.org")),
                Frequency.immediate, null, List.of(), List.of(), true, Instant.EPOCH);
    }

    static List<ArticleText> articles() throws IOException {
        List<ArticleText> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                MatcherBenchmark.class.getResourceAsStream("/10kgnad/articles.csv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                int sep = line.indexOf(';');
                if (sep < 0) {
                    continue;
                }
                String text = line.substring(sep + 1).strip();
                if (text.startsWith("'") && text.endsWith("'")) {
                    text = text.substring(1, text.length() - 1).replace("''", "'");
                }
                // As ingest-service delivers text (HtmlText): one line, single spaces.
                text = text.replaceAll("[\\s\\u00a0\\u2000-\\u200b\\u202f\\u3000]+", " ").strip();
                int titleEnd = text.indexOf(". ");
                String title = titleEnd > 0 && titleEnd < 160 ? text.substring(0, titleEnd) : text.substring(0, Math.min(80, text.length()));
                List<Entity> entities = new ArrayList<>();
                Matcher m = NAME.matcher(text);
                while (m.find()) {
                    entities.add(new Entity(EntityType.PER, m.group(1), m.group(1), "text", m.start(1), m.end(1)));
                }
                out.add(new ArticleText(title, text, "de", entities, List.of(), line.substring(0, sep).toLowerCase()));
            }
        }
        return out;
    }

    /**
     * The words of the query half with their document frequency (in how many of its articles they
     * occur), and queries drawn from them by document frequency: see the class comment.
     */
    static final class Vocabulary {
        /** Document-frequency bands (in articles of the query half) and how often a query word comes from each. */
        static final int[][] BANDS = {{0, 0}, {1, 1}, {2, 3}, {4, 10}, {11, 30}};
        static final double[] BAND_SHARE = java.util.Arrays.stream(
                System.getProperty("bench.bandShare", "0.80,0.14,0.04,0.015,0.005").split(","))
                .mapToDouble(x -> Double.parseDouble(x.strip())).toArray();

        final Map<String, Integer> nouns = new HashMap<>();
        final Map<String, Integer> compounds = new HashMap<>();
        final Map<String, Integer> phrases = new HashMap<>();
        final Map<String, Integer> names = new HashMap<>();
        private final Map<Map<String, Integer>, List<List<String>>> banded = new java.util.IdentityHashMap<>();

        Vocabulary(List<ArticleText> articles) {
            // A word's document frequency is that of what a query on it finds: its German stem,
            // also as a compound part, in any case ("Mehr" at a sentence start is the common "mehr").
            Map<String, Integer> stemDf = new HashMap<>();
            Map<String, Set<String>> capitalised = new HashMap<>();
            for (ArticleText a : articles) {
                stems(ArticleSchema.DOCUMENT_ANALYZER, a.text()).forEach(t -> stemDf.merge(t, 1, Integer::sum));
                Set<String> pairs = new HashSet<>();
                Matcher m = WORD.matcher(a.text());
                String previous = null;
                while (m.find()) {
                    String w = m.group();
                    if (w.length() >= 4 && Character.isUpperCase(w.charAt(0)) && !w.contains("-")) {
                        capitalised.computeIfAbsent(w, x -> stems(ArticleSchema.QUERY_ANALYZER, x));
                        if (previous != null) {
                            pairs.add(previous.toLowerCase(Locale.ROOT) + " " + w);
                        }
                    }
                    previous = w;
                }
                pairs.forEach(p -> phrases.merge(p, 1, Integer::sum));
                Set<String> surnames = new HashSet<>();
                a.entities().forEach(e -> surnames.add(e.text().split(" ")[1]));
                surnames.forEach(n -> names.merge(n, 1, Integer::sum));
            }
            capitalised.forEach((w, stems) -> {
                if (stems.size() == 1) {
                    int df = stemDf.getOrDefault(stems.iterator().next(), 0);
                    (CompoundSplitter.german().parts(w).size() >= 2 ? compounds : nouns).put(w, df);
                }
            });
            // The long tail: words of jwordsplitter's German word list that the query half does not contain.
            for (String word : lexicon()) {
                String w = Character.toUpperCase(word.charAt(0)) + word.substring(1);
                Set<String> stems = stems(ArticleSchema.QUERY_ANALYZER, w);
                if (w.length() >= 6 && stems.size() == 1 && !stemDf.containsKey(stems.iterator().next())) {
                    (CompoundSplitter.german().parts(w).size() >= 2 ? compounds : nouns).putIfAbsent(w, 0);
                }
            }
            for (Map<String, Integer> words : List.of(nouns, compounds, phrases, names)) {
                List<List<String>> bands = new ArrayList<>();
                for (int[] band : BANDS) {
                    // Sorted, so that a fixed seed draws the same queries on every run.
                    bands.add(words.entrySet().stream().filter(e -> e.getValue() >= band[0] && e.getValue() <= band[1])
                            .map(Map.Entry::getKey).sorted().toList());
                }
                banded.put(words, bands);
            }
        }

        /** A word whose document-frequency band is drawn by the shares, then uniformly within the band. */
        private static String pick(Random r, List<List<String>> bands, double[] shares) {
            List<String> candidates;
            do {
                // A band with no words (no phrase or name has document frequency 0) is drawn again.
                double x = r.nextDouble();
                int band = 0;
                while (band < BANDS.length - 1 && (x -= shares[band]) > 0) {
                    band++;
                }
                candidates = bands.get(band);
            } while (candidates.isEmpty());
            return candidates.get(r.nextInt(candidates.size()));
        }

        /** Kind of query (see the class comment) → queries of that kind, drawn with the given seed. */
        List<Query> queries(int n, Random r) {
            return queries(n, r, BAND_SHARE);
        }

        /** As {@link #queries(int, Random)}, with words drawn from the document-frequency bands by the given shares. */
        List<Query> queries(int n, Random r, double[] bandShares) {
            java.util.function.Function<Map<String, Integer>, String> pick = words -> pick(r, banded.get(words), bandShares);
            List<Query> out = new ArrayList<>(n);
            while (out.size() < n) {
                int kind = r.nextInt(100);
                if (kind < 35) {
                    out.add(new Query("word", pick.apply(nouns)));
                } else if (kind < 55) {
                    out.add(new Query("compound", pick.apply(compounds)));
                } else if (kind < 70) {
                    out.add(new Query("phrase", "\"" + pick.apply(phrases) + "\""));
                } else if (kind < 77) {
                    out.add(new Query("boolean", pick.apply(nouns) + " " + pick.apply(nouns)));
                } else if (kind < 83) {
                    out.add(new Query("boolean", pick.apply(nouns) + " OR " + pick.apply(compounds)));
                } else if (kind < 87) {
                    out.add(new Query("boolean", "(" + pick.apply(nouns) + " OR " + pick.apply(nouns) + ") AND " + pick.apply(nouns)));
                } else if (kind < 90) {
                    out.add(new Query("boolean", pick.apply(compounds) + " NOT " + pick.apply(nouns)));
                } else {
                    out.add(new Query("entity", "entity:" + pick.apply(names) + (r.nextBoolean() ? "" : " AND " + pick.apply(nouns))));
                }
            }
            return out;
        }
    }

    private static List<String> lexicon() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                CompoundSplitter.class.getResourceAsStream("/de/danielnaber/jwordsplitter/all-words.txt"), StandardCharsets.UTF_8))) {
            return in.lines().map(String::strip).filter(w -> !w.isEmpty() && w.chars().allMatch(Character::isLetter)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> stems(org.apache.lucene.analysis.Analyzer analyzer, String text) {
        Set<String> out = new HashSet<>();
        try (TokenStream stream = analyzer.tokenStream(ArticleSchema.field(ArticleSchema.TEXT, ArticleSchema.Reading.de), text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A generated subscriber query and its kind. */
    record Query(String kind, String text) {}
}
