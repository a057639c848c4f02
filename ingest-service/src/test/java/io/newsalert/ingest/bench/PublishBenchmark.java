package io.newsalert.ingest.bench;

import io.newsalert.ingest.parse.FeedParser;
import io.newsalert.ingest.parse.ParsedFeed;
import io.newsalert.ingest.poll.ArticleSelector;
import io.newsalert.ingest.poll.ArticleSelector.Publication;
import io.newsalert.ingest.poll.SeenItem;
import io.newsalert.ingest.poll.StoryClaims;
import io.newsalert.ingest.publish.KafkaArticleSink;
import io.newsalert.events.RawArticle;
import io.newsalert.events.SchemaVersion;
import io.newsalert.localkafka.LocalKafkaBroker;
import io.newsalert.localkafka.SharedBroker;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Publish throughput of one ingest instance: parse a feed (Rome + jsoup), select what is new
 * (dedupe against the feed's recent ids, content hashes), publish to the in-JVM broker with
 * acks=all and wait for every acknowledgement. Network fetches are left out: they measure the
 * feed's server, not us.
 *
 * <p>Each round is one poll of a 100-item feed in which half the items are new and half were
 * seen in the previous round, as in a busy real feed. Prints articles per second.
 */
public final class PublishBenchmark {

    private static final int ITEMS_PER_FEED = 100;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        String template = new String(PublishBenchmark.class.getResourceAsStream("/feeds/sample/seed-feed.xml")
                .readAllBytes(), StandardCharsets.UTF_8);
        String content = template.substring(template.indexOf("<content:encoded>"),
                template.indexOf("</content:encoded>") + "</content:encoded>".length());
        LocalKafkaBroker broker = SharedBroker.get();
        String topic = "bench-raw-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
        }
        try (KafkaArticleSink sink = new KafkaArticleSink(broker.bootstrapServers(), "bench", topic)) {
            run(sink, content, Math.max(5, rounds / 10), false); // warm-up: JIT, producer metadata
            long t0 = System.nanoTime();
            long[] counts = run(sink, content, rounds, true);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("publish throughput: %d articles published (%d items parsed, %d duplicates dropped) "
                    + "in %.2f s = %.0f articles/s (%.1f polls of %d items/s); time split: parse %.0f %%, "
                    + "dedupe %.0f %%, publish+acks %.0f %%%n", counts[0], counts[1],
                    counts[1] - counts[0], seconds, counts[0] / seconds, rounds / seconds, ITEMS_PER_FEED,
                    100.0 * counts[2] / (counts[2] + counts[3] + counts[4]),
                    100.0 * counts[3] / (counts[2] + counts[3] + counts[4]),
                    100.0 * counts[4] / (counts[2] + counts[3] + counts[4]));
        }
        System.exit(0);
    }

    private static long[] run(KafkaArticleSink sink, String content, int rounds, boolean measured) throws Exception {
        Map<String, SeenItem> recent = new HashMap<>();
        StoryClaims claims = new StoryClaims(StoryClaims.DEFAULT_CAPACITY);
        long published = 0;
        long parsed = 0;
        long parseNs = 0;
        long selectNs = 0;
        long publishNs = 0;
        String run = UUID.randomUUID().toString().substring(0, 6);
        for (int r = 0; r < rounds; r++) {
            byte[] feed = feed(run, r, content);
            long t0 = System.nanoTime();
            ParsedFeed pf = FeedParser.parse(feed, "application/rss+xml; charset=UTF-8");
            long t1 = System.nanoTime();
            Instant now = Instant.now();
            ArticleSelector.Selection sel = ArticleSelector.select("bench", recent, pf.items(), now, 1000, claims);
            long t2 = System.nanoTime();
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (Publication p : sel.publish()) {
                acks.add(sink.publish(new RawArticle(SchemaVersion.CURRENT, p.item().id(), "bench", p.item().guid(),
                        p.item().link(), p.item().title(), p.item().summary(), p.item().content(), p.item().authors(),
                        p.item().categories(), p.item().published(), now, p.revision(), "de")).toCompletableFuture());
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            sel.publish().forEach(p -> claims.published(p.item().id(), p.textHash()));
            long t3 = System.nanoTime();
            parseNs += t1 - t0;
            selectNs += t2 - t1;
            publishNs += t3 - t2;
            recent = sel.recent();
            published += sel.publish().size();
            parsed += pf.items().size();
        }
        return new long[] {published, parsed, parseNs, selectNs, publishNs};
    }

    /** Round r lists items r*50 .. r*50+99: 50 new, 50 from the round before. */
    private static byte[] feed(String run, int round, String content) {
        StringBuilder s = new StringBuilder(ITEMS_PER_FEED * 4000);
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" ")
                .append("xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Bench</title>")
                .append("<link>https://bench.example/</link><language>de</language>");
        for (int i = round * (ITEMS_PER_FEED / 2); i < round * (ITEMS_PER_FEED / 2) + ITEMS_PER_FEED; i++) {
            s.append("<item><title>Meldung ").append(i).append(": Rätselraten um russische Truppen</title>")
                    .append("<link>https://bench.example/").append(run).append('/').append(i).append(".html</link>")
                    .append("<guid isPermaLink=\"true\">https://bench.example/").append(run).append('/').append(i)
                    .append(".html</guid><pubDate>Wed, 16 Feb 2022 16:46:00 +0100</pubDate>")
                    .append("<category>Ausland</category><description>Entgegen der Ankündigung Russlands sehen die ")
                    .append("USA und die NATO keine Anzeichen für einen Abzug russischer Truppen &amp; Panzer.")
                    .append("</description>").append(content).append("</item>");
        }
        return s.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
    }
}
