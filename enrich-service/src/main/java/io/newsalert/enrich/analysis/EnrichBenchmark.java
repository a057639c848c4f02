package io.newsalert.enrich.analysis;

import io.newsalert.enrich.topic.TopicCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Throughput of the whole analysis (language, entities, topics) on one thread, for articles of the
 * seed's length, and the heap after warm-up. Not a test: run
 * {@code ./mvnw -B -q -pl enrich-service -am -Pbench process-classes}.
 *
 * <p>Articles: the seed article and real German news from 10kGNAD cut to the seed's length.
 */
public final class EnrichBenchmark {

    private EnrichBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../../shared/data");
        String seed = Files.readString(data.resolve("seed/000_981597b431742589.txt"), StandardCharsets.UTF_8);
        int length = seed.length();
        List<String> texts = TopicCorpus.read(data.resolve("10kgnad/articles.csv")).stream()
                .map(TopicCorpus.Article::text)
                .map(t -> t.length() > length ? t.substring(0, length) : t)
                .toList();
        long t0 = System.nanoTime();
        ArticleAnalyzer analyzer = ArticleAnalyzer.load();
        System.out.printf("models loaded in %.1f s%n", (System.nanoTime() - t0) / 1e9);

        int warmup = Integer.getInteger("warmup", 1000);
        for (int i = 0; i < warmup; i++) {
            analyzer.analyze(null, i % 10 == 0 ? seed : texts.get(i % texts.size()), null, "de");
        }
        int n = Integer.getInteger("articles", 2000);
        long chars = 0;
        long entities = 0;
        // CPU time of this thread as well as wall time: on a shared machine the wall clock counts
        // other processes' turns, while CPU time is what one dedicated core would need.
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String text = i % 10 == 0 ? seed : texts.get(i % texts.size());
            chars += text.length();
            entities += analyzer.analyze(null, text, null, "de").entities().size();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        System.gc();
        Thread.sleep(200);
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf("analysed %d articles (mean %d chars, seed %d chars, %.1f entities each) on one thread%n",
                n, chars / n, length, (double) entities / n);
        System.out.printf("  wall  %.1f s: %.0f articles/s%n", seconds, n / seconds);
        System.out.printf("  cpu   %.1f s: %.0f articles/s per core (%.1f ms per article)%n",
                cpuSeconds, n / cpuSeconds, cpuSeconds * 1000 / n);
        System.out.printf("heap used after warm-up and GC: %.0f MB%n", (rt.totalMemory() - rt.freeMemory()) / 1e6);
        // CPU time per article rises when other processes share the cores' caches: name the load.
        System.out.printf("system load average (1 min) at the end: %.1f on %d cores%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }
}
