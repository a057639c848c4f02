package io.newsalert.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsalert.events.EventSerdes;
import io.newsalert.events.FeedConfig;
import io.newsalert.events.RawArticle;
import io.newsalert.events.SchemaVersion;
import io.newsalert.ingest.feed.FeedRegistry;
import io.newsalert.ingest.fetch.FeedFetcher;
import io.newsalert.ingest.fetch.FetchLimits;
import io.newsalert.ingest.publish.KafkaArticleSink;
import io.newsalert.ingest.testing.FeedServer;
import io.newsalert.localkafka.LocalKafkaBroker;
import io.newsalert.localkafka.LocalKafkaExtension;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The poller against real parts: the in-JVM Kafka broker and a real HTTP server. Each test has its
 * own topics, so that nothing else in this JVM (the Quarkus app of other tests) polls its feeds.
 */
@ExtendWith(LocalKafkaExtension.class)
class PollingServiceTest {

    private String bootstrap;
    private String feedsTopic;
    private String stateTopic;
    private String rawTopic;
    private String group;
    private FeedServer server;
    private FeedRegistry registry;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<RawArticle> published = new CopyOnWriteArrayList<>();
    private KafkaConsumer<String, RawArticle> reader;

    @BeforeEach
    void setUp(LocalKafkaBroker broker) throws Exception {
        bootstrap = broker.bootstrapServers();
        String run = UUID.randomUUID().toString().substring(0, 8);
        feedsTopic = "test-feeds-" + run;
        stateTopic = "test-feeds-state-" + run;
        rawTopic = "test-raw-" + run;
        group = "test-ingest-" + run;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            admin.createTopics(List.of(new NewTopic(feedsTopic, 3, (short) 1).configs(compacted),
                    new NewTopic(stateTopic, 3, (short) 1).configs(compacted),
                    new NewTopic(rawTopic, 3, (short) 1))).all().get();
        }
        server = new FeedServer();
        registry = new FeedRegistry(bootstrap, feedsTopic, "test-registry-" + run, Duration.ofSeconds(30)).start();
        reader = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + run, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new EventSerdes.RawArticleSerde());
        reader.subscribe(List.of(rawTopic));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        reader.close();
        registry.close();
        server.close();
    }

    private PollingService start(String name) {
        PollSettings settings = new PollSettings(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(2),
                0, 4, 1000, Duration.ofHours(1), group, Duration.ofSeconds(30), feedsTopic, stateTopic);
        FeedFetcher fetcher = new FeedFetcher(new FetchLimits(Duration.ofSeconds(2), Duration.ofSeconds(2), 1024 * 1024,
                3, 2, "Newsalert-test/" + name));
        KafkaArticleSink sink = new KafkaArticleSink(bootstrap, name, rawTopic);
        PollingService service = new PollingService(bootstrap, name, settings, fetcher, sink, new SimpleMeterRegistry(),
                Clock.systemUTC()).start();
        open.add(0, sink);
        open.add(0, service);
        return service;
    }

    private void register(String id, String path) throws Exception {
        registry.put(new FeedConfig(SchemaVersion.CURRENT, id, server.url(path), id, 1, "de", List.of(), true));
    }

    private List<RawArticle> published() {
        for (ConsumerRecord<String, RawArticle> r : reader.poll(Duration.ofMillis(200))) {
            published.add(r.value());
        }
        return List.copyOf(published);
    }

    private static String rss(String... linksAndTitles) {
        StringBuilder s = new StringBuilder("<rss version=\"2.0\"><channel><title>t</title><language>de</language>");
        for (int i = 0; i < linksAndTitles.length; i += 2) {
            s.append("<item><title>").append(linksAndTitles[i + 1]).append("</title><link>https://news.example/")
                    .append(linksAndTitles[i]).append("</link><description>Text</description></item>");
        }
        return s.append("</channel></rss>").toString();
    }

    @Test
    void conditionalGetAndDedupeAcrossPollsAndRestarts() throws Exception {
        server.feed("/seed", FeedServer.resource("/feeds/sample/seed-feed.xml"), "application/rss+xml", "\"seed-v1\"");
        register("seed", "/seed");
        Instant before = Instant.now();
        PollingService first = start("first");

        await().atMost(Duration.ofSeconds(30)).until(() -> published().size() == 1);
        RawArticle seed = published().get(0);
        assertThat(seed.title()).isEqualTo("Ukraine-Konflikt: Rätselraten um russische Truppen");
        assertThat(seed.feedId()).isEqualTo("seed");
        assertThat(seed.revision()).isEqualTo(1);
        assertThat(seed.fetched()).isAfterOrEqualTo(before).isBeforeOrEqualTo(Instant.now());

        // The next polls are conditional: the server saw If-None-Match and answered 304.
        await().atMost(Duration.ofSeconds(20)).until(() -> server.requests("/seed").stream()
                .filter(s -> "\"seed-v1\"".equals(s.header("If-None-Match")) && s.status() == 304).count() >= 2);
        assertThat(published()).hasSize(1);
        assertThat(first.state("seed").etag()).isEqualTo("\"seed-v1\"");

        // Restart: a new instance, and a server that no longer honours the ETag (so every poll is
        // a full 200): the recent ids read back from the state topic keep the article from returning.
        first.close();
        open.remove(first);
        server.feed("/seed", FeedServer.resource("/feeds/sample/seed-feed.xml"), "application/rss+xml", null);
        int seenBefore = server.requests("/seed").size();
        start("second");
        await().atMost(Duration.ofSeconds(30)).until(() -> server.requests("/seed").stream().skip(seenBefore)
                .filter(s -> s.status() == 200).count() >= 3);
        assertThat(published()).hasSize(1);
    }

    @Test
    void aCorrectionSeenOnlyInTheSecondFeedIsPublished() throws Exception {
        // Found by the soak harness: the first feed had dropped the story from its window when it was
        // corrected, the second still listed it, and the correction was never published.
        server.feed("/one", rss("a", "Erste Meldung"));
        register("one", "/one");
        start("solo");
        await().atMost(Duration.ofSeconds(30)).until(() -> published().size() == 1);
        server.feed("/two", rss("a", "Erste Meldung", "x", "Andere Meldung"));
        register("two", "/two");
        await().atMost(Duration.ofSeconds(30)).until(() -> published().size() == 2);
        server.feed("/one", rss("z", "Neueste Meldung"));
        server.feed("/two", rss("a", "Erste Meldung, korrigiert", "x", "Andere Meldung"));

        await().atMost(Duration.ofSeconds(20)).until(() -> published().size() >= 4);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> published().size() == 4);
        RawArticle correction = published().stream().filter(a -> a.title().endsWith("korrigiert")).findFirst().orElseThrow();
        assertThat(correction.revision()).isEqualTo(2);
        assertThat(correction.feedId()).isEqualTo("two");
        assertThat(published()).filteredOn(a -> a.link().endsWith("/a")).hasSize(2);
    }

    @Test
    void aStoryInTwoFeedsIsPublishedOnceAndACorrectionAsARevision() throws Exception {
        server.feed("/one", rss("a", "Erste Meldung", "b", "Zweite Meldung"));
        server.feed("/two", rss("b", "Zweite Meldung (anderer Titel)", "c", "Dritte Meldung"));
        register("one", "/one");
        register("two", "/two");
        start("solo");
        await().atMost(Duration.ofSeconds(30)).until(() -> published().size() >= 3);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> published().size() == 3);
        assertThat(published()).extracting(RawArticle::link).containsExactlyInAnyOrder(
                "https://news.example/a", "https://news.example/b", "https://news.example/c");

        server.feed("/one", rss("a", "Erste Meldung, korrigiert", "b", "Zweite Meldung"));
        await().atMost(Duration.ofSeconds(20)).until(() -> published().size() == 4);
        RawArticle correction = published().get(3);
        RawArticle original = published().stream().filter(a -> a.link().endsWith("/a")).findFirst().orElseThrow();
        assertThat(correction.id()).isEqualTo(original.id());
        assertThat(correction.revision()).isEqualTo(2);
        assertThat(correction.title()).isEqualTo("Erste Meldung, korrigiert");
    }

    @Test
    void badFeedsBecomeRetriedPerFeedErrorsAndHarmNothingElse() throws Exception {
        server.feed("/good", rss("good", "Gute Meldung"));
        server.feed("/malformed", "<rss version=\"2.0\"><channel><item><title>kaputt</channel></rss>");
        server.feed("/html", "<!DOCTYPE html><html><body><h1>Startseite</h1></body></html>".getBytes(
                StandardCharsets.UTF_8), "text/html; charset=utf-8", null);
        server.feed("/empty", new byte[0], "application/rss+xml", null);
        server.feed("/xxe", ("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"" + server.url("/secret")
                + "\">]><rss version=\"2.0\"><channel><item><title>&x;</title><link>https://news.example/x</link>"
                + "</item></channel></rss>").getBytes(StandardCharsets.UTF_8), "application/rss+xml", null);
        server.feed("/secret", "this must never be fetched");
        StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY l0 \"lol\">");
        for (int i = 1; i <= 10; i++) {
            bomb.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        bomb.append("]><rss version=\"2.0\"><channel><item><title>&l10;</title><link>https://news.example/b</link>"
                + "</item></channel></rss>");
        server.feed("/bomb", bomb.toString());
        server.handle("/huge", ex -> {
            ex.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 180; i++) { // > 10 MB unless the client stops reading
                    out.write(chunk);
                }
            }
        });
        server.handle("/slow", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 50; i++) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.handle("/loop1", ex -> {
            ex.getResponseHeaders().set("Location", "/loop2");
            FeedServer.respond(ex, 301, null);
        });
        server.handle("/loop2", ex -> {
            ex.getResponseHeaders().set("Location", "/loop1");
            FeedServer.respond(ex, 301, null);
        });
        Map<String, String> expected = new HashMap<>();
        expected.put("malformed", "not well-formed XML");
        expected.put("html", "HTML page, not a feed");
        expected.put("empty", "empty body");
        expected.put("xxe", "external entity");
        expected.put("bomb", "entity bomb");
        expected.put("huge", "larger than the limit");
        expected.put("slow", "too slow or stalls");
        expected.put("loop1", "redirect loop");
        register("good", "/good");
        for (String bad : expected.keySet()) {
            register(bad, "/" + bad);
        }
        PollingService service = start("solo");

        await().atMost(Duration.ofSeconds(30)).until(() -> published().size() == 1);
        assertThat(published().get(0).link()).isEqualTo("https://news.example/good");
        // Every bad feed fails with its own sentence, and is retried (twice at least).
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
            for (Map.Entry<String, String> e : expected.entrySet()) {
                FeedState s = service.state(e.getKey());
                assertThat(s).as(e.getKey()).isNotNull();
                assertThat(s.consecutiveErrors()).as(e.getKey()).isGreaterThanOrEqualTo(2);
                assertThat(s.lastError()).as(e.getKey()).contains(e.getValue());
                assertThat(s.nextPoll()).as(e.getKey()).isNotNull();
            }
        });
        assertThat(server.requests("/secret")).as("XXE must not reach the server").isEmpty();
        assertThat(service.state("good").consecutiveErrors()).isZero();
        assertThat(published()).hasSize(1);

        // A failing feed that recovers is healthy again, and its news flows.
        server.feed("/malformed", rss("fixed", "Repariert"));
        await().atMost(Duration.ofSeconds(20)).until(() -> published().size() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> service.state("malformed").consecutiveErrors() == 0
                && service.state("malformed").lastError() == null);
    }

    @Test
    void twoInstancesSplitTheFeedsAndTheSurvivorTakesOver() throws Exception {
        // Two feeds on each of the three partitions of the feeds topic.
        Map<Integer, List<String>> byPartition = new HashMap<>();
        for (int i = 0; byPartition.values().stream().mapToInt(List::size).sum() < 6; i++) {
            String id = "feed-" + i;
            int p = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % 3;
            List<String> ids = byPartition.computeIfAbsent(p, k -> new ArrayList<>());
            if (ids.size() < 2) {
                ids.add(id);
            }
        }
        List<String> feeds = byPartition.values().stream().flatMap(List::stream).toList();
        for (String id : feeds) {
            server.feed("/" + id, rss(id, "Meldung " + id));
            register(id, "/" + id);
        }
        PollingService a = start("a");
        PollingService b = start("b");
        await().atMost(Duration.ofSeconds(30)).until(() -> a.ownedPartitions().size() + b.ownedPartitions().size() == 3
                && !a.ownedPartitions().isEmpty() && !b.ownedPartitions().isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> published().size() == 6);

        // Steady state: every feed is polled by exactly one instance.
        int mark = server.requests().size();
        Thread.sleep(2500);
        Map<String, Set<String>> pollers = server.requests().stream().skip(mark).collect(Collectors.groupingBy(
                FeedServer.Seen::path, Collectors.mapping(s -> s.header("User-Agent"), Collectors.toSet())));
        assertThat(pollers.keySet()).containsExactlyInAnyOrderElementsOf(feeds.stream().map(f -> "/" + f).toList());
        assertThat(pollers.values()).allSatisfy(agents -> assertThat(agents).hasSize(1));
        assertThat(pollers.values().stream().flatMap(Set::stream).distinct())
                .containsExactlyInAnyOrder("Newsalert-test/a", "Newsalert-test/b");

        // a dies: b takes all feeds over, and publishes nothing twice.
        a.close();
        open.remove(a);
        int handover = server.requests().size();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(server.requests().stream().skip(handover)
                .filter(s -> "Newsalert-test/b".equals(s.header("User-Agent"))).map(FeedServer.Seen::path)
                .collect(Collectors.toSet())).hasSize(6));
        assertThat(b.ownedPartitions()).hasSize(3);
        assertThat(published()).hasSize(6);
        assertThat(published().stream().map(RawArticle::id).distinct()).hasSize(6);
    }
}
