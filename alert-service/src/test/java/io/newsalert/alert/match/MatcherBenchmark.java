package io.newsalert.alert.match;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.memory.MemoryIndex;
import org.junit.jupiter.api.Test;

/**
 * Articles per second against 1k, 10k and 100k subscriptions, the matcher's heap, and the speed-up
 * over a loop that runs every query against every article. Not a test (its name keeps it out of
 * the suite); run with {@code ./mvnw -B -o -pl alert-service -Pbench test}. Prints a table and
 * writes it to target/bench-matcher.txt.
 *
 * <p>Articles: the German news articles of 10kGNAD (test resource), second half. Queries: generated
 * from the vocabulary of the first half (fixed seed), the 100 most frequent words left out, a realistic mix — single words (35%), compounds (20%), phrases
 * (15%), boolean combinations (20%), entity filters (10%). Entities: the capitalised word pairs of
 * each article, as a stand-in for enrich-service's names.
 */
class MatcherBenchmark {

    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}-]*\\p{L}");
    private static final Pattern NAME = Pattern.compile("(?<=[\\p{Ll},] )(\\p{Lu}\\p{Ll}+ \\p{Lu}\\p{Ll}+)");

    private int rowsPrinted;

    @Test
    void matchArticlesAgainstManySubscriptions() throws Exception {
        List<ArticleText> all = articles();
        // Queries are drawn from the first half of the corpus and matched against the second half:
        // subscribers write their queries before the articles they are alerted to.
        Vocabulary vocabulary = new Vocabulary(all.subList(0, all.size() / 2));
        List<ArticleText> articles = all.subList(all.size() / 2, all.size());
        QueryCompiler compiler = new QueryCompiler();
        StringBuilder out = new StringBuilder();
        out.append("matcher benchmark: " + articles.size() + " articles (10kGNAD), one thread, load average "
                + java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() + "\n");
        out.append(String.format("%-14s %12s %14s %12s %14s %14s %14s %12s %10s%n", "subscriptions", "register s", "articles/s",
                "ms/article", "ids-only/s", "candidates/art", "matches/art", "heap MB", "vs loop"));
        for (int n : sizes()) {
            List<String> queries = vocabulary.queries(n, new Random(42));
            System.gc();
            long heapBefore = usedHeap();
            long t0 = System.nanoTime();
            SubscriptionMatcher matcher = SubscriptionMatcher.standalone();
            Map<String, Optional<Subscription>> batch = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                batch.put("s" + i, Optional.of(subscription("s" + i, queries.get(i))));
            }
            matcher.apply(batch);
            batch = null;
            double registerSeconds = (System.nanoTime() - t0) / 1e9;
            System.gc();
            long heapMb = (usedHeap() - heapBefore) / (1024 * 1024);

            for (int i = 0; i < 100; i++) {
                matcher.match(articles.get(i % articles.size()));
            }
            long matches = 0;
            long candidates = 0;
            long start = System.nanoTime();
            for (ArticleText a : articles) {
                matches += matcher.match(a).size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double perSecond = articles.size() / seconds;
            for (int i = 0; i < 50; i++) {
                candidates += matcher.queriesRunFor(articles.get(i));
            }
            // The same without explaining the matches (spans, snippets): the presearcher and
            // candidate runs alone, to tell the two costs apart.
            long idsStart = System.nanoTime();
            for (ArticleText a : articles) {
                matcher.queriesRunFor(a);
            }
            double idsPerSecond = articles.size() / ((System.nanoTime() - idsStart) / 1e9);

            // The baseline: every query run against every article (no presearcher), on the same
            // in-memory index; measured on a few articles, as it is slow.
            List<CompiledQuery> compiled = new ArrayList<>();
            for (String q : queries) {
                compiled.add(compiler.compile(q));
            }
            int sample = Math.max(3, Math.min(50, 200_000 / n));
            for (int i = 0; i < 3; i++) {
                loop(compiled, articles.get(i));
            }
            long loopStart = System.nanoTime();
            for (int i = 0; i < sample; i++) {
                loop(compiled, articles.get(i));
            }
            double loopPerSecond = sample / ((System.nanoTime() - loopStart) / 1e9);
            String row = String.format("%-14d %12.1f %14.0f %12.2f %14.0f %14.1f %14.2f %12d %9.0fx%n", n, registerSeconds,
                    perSecond, 1000 / perSecond, idsPerSecond, candidates / 50.0, (double) matches / articles.size(), heapMb,
                    perSecond / loopPerSecond);
            out.append(row);
            System.out.print(rowsPrinted++ == 0 ? out.toString() : row);
            System.out.flush();
        }
        Files.writeString(Path.of("target/bench-matcher.txt"), out, StandardCharsets.UTF_8);
    }

    /** -Dbench.sizes=1000,10000 to run fewer sizes. */
    private static int[] sizes() {
        return java.util.Arrays.stream(System.getProperty("bench.sizes", "1000,10000,100000").split(","))
                .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
    }

    private static long loop(List<CompiledQuery> queries, ArticleText article) {
        MemoryIndex index = ArticleDocument.memoryIndex(article);
        long hits = 0;
        for (CompiledQuery q : queries) {
            if (index.search(q.query()) > 0) {
                hits++;
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

    /** Words of the corpus by frequency, and queries drawn from them. */
    static final class Vocabulary {
        final List<String> nouns = new ArrayList<>();
        final List<String> compounds = new ArrayList<>();
        final List<String> phrases = new ArrayList<>();
        final List<String> names = new ArrayList<>();

        Vocabulary(List<ArticleText> articles) {
            Map<String, Integer> freq = new HashMap<>();
            Set<String> phraseSet = new LinkedHashSet<>();
            Set<String> nameSet = new LinkedHashSet<>();
            for (ArticleText a : articles) {
                Matcher m = WORD.matcher(a.text());
                String previous = null;
                while (m.find()) {
                    String w = m.group();
                    if (w.length() >= 4 && Character.isUpperCase(w.charAt(0)) && !w.contains("-")) {
                        freq.merge(w, 1, Integer::sum);
                        if (previous != null && phraseSet.size() < 50_000 && (w.hashCode() & 7) == 0) {
                            phraseSet.add(previous + " " + w);
                        }
                    }
                    previous = w;
                }
                a.entities().forEach(e -> nameSet.add(e.text().split(" ")[1]));
            }
            freq.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).map(Map.Entry::getKey).forEach(w -> {
                if (CompoundSplitter.german().parts(w).size() >= 2) {
                    compounds.add(w);
                } else {
                    nouns.add(w);
                }
            });
            phrases.addAll(phraseSet);
            names.addAll(nameSet);
        }

        /** Skips the 100 most frequent words: nobody subscribes to "Prozent" or "Die". */
        private String pick(List<String> words, Random r) {
            int from = Math.min(100, words.size() / 10);
            return words.get(from + r.nextInt(words.size() - from));
        }

        List<String> queries(int n, Random r) {
            List<String> out = new ArrayList<>(n);
            while (out.size() < n) {
                int kind = r.nextInt(100);
                String q;
                if (kind < 35) {
                    q = pick(nouns, r);
                } else if (kind < 55) {
                    q = pick(compounds, r);
                } else if (kind < 70) {
                    q = "\"" + pick(phrases, r) + "\"";
                } else if (kind < 77) {
                    q = pick(nouns, r) + " " + pick(nouns, r);
                } else if (kind < 83) {
                    q = pick(nouns, r) + " OR " + pick(compounds, r);
                } else if (kind < 87) {
                    q = "(" + pick(nouns, r) + " OR " + pick(nouns, r) + ") AND " + pick(nouns, r);
                } else if (kind < 90) {
                    q = pick(compounds, r) + " NOT " + pick(nouns, r);
                } else {
                    q = "entity:" + pick(names, r) + (r.nextBoolean() ? "" : " AND " + pick(nouns, r));
                }
                out.add(q);
            }
            return out;
        }
    }
}
