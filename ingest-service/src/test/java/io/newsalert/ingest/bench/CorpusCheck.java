package io.newsalert.ingest.bench;

import io.newsalert.ingest.parse.FeedParseException;
import io.newsalert.ingest.parse.FeedParser;
import io.newsalert.ingest.parse.ParsedFeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Parses every feed file under a corpus directory (default {@code ../../shared/data/feeds}) and
 * prints the share that yields at least one item, per corpus and in total. Feed files: *.xml,
 * *.rss, *.atom, *.rdf; OPML files and Rome's *.output files are not feeds and are left out.
 */
public final class CorpusCheck {

    /** Result of one run. */
    public record Result(int files, int withItems, int withEntries, int failed, Map<String, int[]> byCorpus,
            List<String> failures) {
        public double share() {
            return files == 0 ? 0 : (double) withItems / files;
        }
    }

    public static void main(String[] args) throws IOException {
        Path root = Paths.get(args.length > 0 ? args[0] : "../../shared/data/feeds");
        Result r = run(root);
        r.byCorpus().forEach((corpus, n) -> System.out.printf("%-12s %5d files, %5d parse with >=1 item (%.1f %%)%n",
                corpus, n[0], n[1], 100.0 * n[1] / Math.max(1, n[0])));
        System.out.printf("TOTAL        %5d files, %5d parse with >=1 publishable item (%.1f %%), %d rejected with an error%n",
                r.files(), r.withItems(), 100 * r.share(), r.failed());
        System.out.printf("             %5d files parse with >=1 entry of any kind (%.1f %%) (the rest: "
                + "entries with no guid, link or text, or feeds without entries)%n",
                r.withEntries(), 100.0 * r.withEntries() / Math.max(1, r.files()));
        if (args.length > 1 && args[1].equals("-v")) {
            r.failures().forEach(System.out::println);
        }
    }

    public static Result run(Path root) throws IOException {
        Map<String, int[]> byCorpus = new TreeMap<>();
        List<String> failures = new java.util.ArrayList<>();
        int files = 0;
        int withItems = 0;
        int withEntries = 0;
        int failed = 0;
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = s.filter(Files::isRegularFile).filter(CorpusCheck::isFeedFile).sorted().toList();
        }
        for (Path p : paths) {
            String corpus = root.relativize(p).getName(0).toString();
            int[] n = byCorpus.computeIfAbsent(corpus, c -> new int[2]);
            files++;
            n[0]++;
            try {
                ParsedFeed feed = FeedParser.parse(Files.readAllBytes(p), null);
                if (!feed.items().isEmpty() || !feed.skipped().isEmpty()) {
                    withEntries++;
                }
                if (!feed.items().isEmpty()) {
                    withItems++;
                    n[1]++;
                } else {
                    failures.add("no items: " + root.relativize(p));
                }
            } catch (FeedParseException e) {
                failed++;
                failures.add("error: " + root.relativize(p) + ": " + e.getMessage());
            }
        }
        return new Result(files, withItems, withEntries, failed, byCorpus, failures);
    }

    private static boolean isFeedFile(Path p) {
        String name = p.getFileName().toString().toLowerCase();
        return (name.endsWith(".xml") || name.endsWith(".rss") || name.endsWith(".atom") || name.endsWith(".rdf"))
                && !name.startsWith("opml");
    }
}
