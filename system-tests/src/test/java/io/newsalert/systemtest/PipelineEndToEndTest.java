package io.newsalert.systemtest;

import static io.newsalert.systemtest.RunningSystem.SEED_LINK;
import static io.newsalert.systemtest.RunningSystem.SEED_TITLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsalert.events.ArticleId;
import io.newsalert.localkafka.LocalKafkaBroker;
import io.newsalert.localkafka.LocalKafkaExtension;
import io.newsalert.localrun.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole pipeline as a user meets it, no Docker: the in-JVM broker, the three packaged services as
 * separate processes, the seed article in an RSS feed on a real HTTP server, a webhook subscription
 * for {@code Truppenabzug} and a receiver that checks the Standard Webhooks signature independently
 * of the sender's code. The tests build on each other in order, as the user's steps do.
 */
@ExtendWith(LocalKafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineEndToEndTest {

    private RunningSystem system;

    @BeforeAll
    void startTheSystem(LocalKafkaBroker broker) throws Exception {
        system = new RunningSystem(broker.bootstrapServers());
    }

    @AfterAll
    void stopTheSystem() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void everyApiRefusesACallWithoutTheKey() throws Exception {
        Api api = system.api;
        assertThat(api.getWithoutKey(system.ingest.uri("/api/feeds")).status()).as("ingest GET /api/feeds without a key").isEqualTo(401);
        assertThat(api.getWithoutKey(system.alert.uri("/api/subscriptions")).status()).as("alert GET /api/subscriptions without a key").isEqualTo(401);
        assertThat(new Api("wrong-key").get(system.alert.uri("/api/subscriptions")).status()).as("alert with a wrong key").isEqualTo(401);
        assertThat(new Api("wrong-key").post(system.enrich.uri("/api/enrich"), java.util.Map.of("title", "t", "text", "x")).status())
                .as("enrich POST /api/enrich with a wrong key").isEqualTo(401);
    }

    @Test
    @Order(1)
    void theBundledOfflineSampleFeedIsRegisteredAtStartUp() throws Exception {
        // What the local run relies on without internet. Here it is registered disabled (SystemConfig),
        // so that it does not bring the seed article in before the test subscribes.
        Api.Answer feeds = system.api.get(system.ingest.uri("/api/feeds"));
        assertThat(feeds.status()).as(feeds.body()).isEqualTo(200);
        JsonNode list = feeds.json().isArray() ? feeds.json() : feeds.json().path("feeds");
        List<String> urls = new ArrayList<>();
        list.forEach(f -> urls.add(f.path("id").asText() + " " + f.path("url").asText()));
        assertThat(urls).as("registered feeds").anySatisfy(f -> assertThat(f).startsWith("sample ").endsWith("/sample/seed-feed.xml"));
    }

    @Test
    @Order(2)
    void theSeedArticleArrivesAsASignedWebhook() throws Exception {
        JsonNode subscription = system.subscribeAndAddTheFeed();

        WebhookReceiver.Delivery delivery = system.firstAlert();
        assertThat(delivery.rejection()).as("signature check").isNull();
        assertThat(delivery.id()).as("webhook-id").isNotBlank();

        JsonNode body = Api.JSON.readTree(delivery.body());
        assertThat(body.path("type").asText()).as("type in %s", body).isEqualTo("alert.match");
        JsonNode article = body.path("data").path("article");
        assertThat(article.path("title").asText()).isEqualTo(SEED_TITLE);
        assertThat(article.path("link").asText()).isEqualTo(SEED_LINK);
        assertThat(article.path("id").asText()).isEqualTo(ArticleId.of(SEED_LINK, true, SEED_LINK));
        assertThat(article.path("language").asText()).isEqualTo("de");
        assertThat(body.path("data").path("subscription").path("id").asText()).isEqualTo(subscription.path("id").asText());
        // One id per (subscription, article), so that a receiver can deduplicate redeliveries.
        assertThat(delivery.id()).isEqualTo(body.path("data").path("deliveryId").asText())
                .contains(subscription.path("id").asText()).contains(article.path("id").asText());
    }

    @Test
    @Order(3)
    void theAlertSaysWhyItMatched() throws Exception {
        JsonNode data = Api.JSON.readTree(system.firstAlert().body()).path("data");
        // The seed has no literal "Truppenabzug": the match comes from its parts, "Abzug" and
        // "Truppen", and the spans must point at them in the article's own text.
        Map<String, String> fields = Map.of("title", SEED_TITLE, "text", seedSummary());
        List<String> wrong = new ArrayList<>();
        for (JsonNode span : data.path("spans")) {
            String field = span.path("field").asText();
            int start = span.path("start").asInt();
            int end = span.path("end").asInt();
            assertThat(field).as("span field in %s", span).isIn("title", "text", "content");
            assertThat(end).as("span %s", span).isGreaterThan(start);
            assertThat(span.path("term").asText()).as("the query term of span %s", span).isEqualToIgnoringCase("Truppenabzug");
            String text = fields.get(field);
            if (text != null) {
                String covered = end <= text.length() ? text.substring(start, end) : "(beyond the end of " + field + ")";
                if (!covered.matches("(?iu)(abzug|truppen)\\p{L}*")) {
                    wrong.add(span + " covers '" + covered + "'");
                }
            }
        }
        assertThat(data.path("spans").size()).as("spans in %s", data).isPositive();
        assertThat(wrong).as("spans that do not cover a part of Truppenabzug").isEmpty();
        // Match's contract: the snippet marks each match with «…».
        assertThat(data.path("snippet").asText()).as("snippet").contains("«Abzug»").contains("«Truppen»");
    }

    /** The seed item's description, as plain text: what ingest-service publishes as the summary. */
    private static String seedSummary() throws Exception {
        try (java.io.InputStream in = PipelineEndToEndTest.class.getResourceAsStream("/feeds/seed-feed.xml")) {
            javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            org.w3c.dom.Element item = (org.w3c.dom.Element) f.newDocumentBuilder().parse(in).getElementsByTagName("item").item(0);
            return item.getElementsByTagName("description").item(0).getTextContent().replaceAll("\\s+", " ").strip();
        }
    }

    @Test
    @Order(4)
    void theAlertCarriesTheEntitiesEnrichmentFound() throws Exception {
        JsonNode entities = Api.JSON.readTree(system.firstAlert().body()).path("data").path("article").path("entities");
        Map<String, Set<String>> byType = new HashMap<>();
        for (JsonNode e : entities) {
            byType.computeIfAbsent(e.path("type").asText(), t -> new TreeSet<>()).add(e.path("canonical").asText() + " / " + e.path("text").asText());
        }
        assertThat(String.join("|", byType.getOrDefault("PER", Set.of()))).as("persons in %s", byType)
                .contains("Blinken").contains("Stoltenberg").contains("Putin");
        assertThat(String.join("|", byType.getOrDefault("ORG", Set.of()))).as("organisations in %s", byType).contains("NATO");
        assertThat(String.join("|", byType.getOrDefault("LOC", Set.of()))).as("places in %s", byType).contains("Ukraine").contains("Russland");
    }

    @Test
    @Order(5)
    void rePollingTheFeedSendsNothingMore() throws Exception {
        system.firstAlert();
        int polledSoFar = system.feed.requests();
        // The feed server answers every poll with the whole feed again (no ETag): two more polls, then
        // time for anything they started to run through enrich and alert.
        await("two more polls of the feed").atMost(Duration.ofSeconds(SystemConfig.POLL_SECONDS * 6L + 30))
                .until(() -> system.feed.requests() >= polledSoFar + 2);
        Thread.sleep(8_000);
        assertThat(system.deliveries).as("webhook calls after re-polling").hasSize(1);
    }

    @Test
    @Order(6)
    void theLocalRunsDemoSubscriptionIsRegisteredOnceAndKeptOnTheNextRun(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // run-local.sh's step, against the real alert-service. Its webhook goes to a receiver of its
        // own, so that it cannot add to the deliveries the other tests count.
        try (WebhookReceiver other = WebhookReceiver.start(0, List::of, d -> { })) {
            java.nio.file.Path secrets = dir.resolve("webhook-secrets");
            io.newsalert.localrun.DemoSubscription demo = new io.newsalert.localrun.DemoSubscription(
                    system.alert.uri("/"), system.adminKey);
            io.newsalert.localrun.DemoSubscription.Outcome first = demo.ensure(other.url().toString(), secrets);
            assertThat(first.created()).isTrue();
            assertThat(java.nio.file.Files.readString(secrets)).contains("whsec_");

            io.newsalert.localrun.DemoSubscription.Outcome again = demo.ensure(other.url().toString(), secrets);
            assertThat(again).isEqualTo(new io.newsalert.localrun.DemoSubscription.Outcome(first.id(), false));

            // Without the secret (a wiped .local-run) it cannot check signatures: it replaces the subscription.
            java.nio.file.Files.delete(secrets);
            io.newsalert.localrun.DemoSubscription.Outcome replaced = demo.ensure(other.url().toString(), secrets);
            assertThat(replaced.created()).isTrue();
            assertThat(replaced.id()).isNotEqualTo(first.id());
            assertThat(system.api.get(system.alert.uri("/api/subscriptions/" + first.id())).status()).isEqualTo(404);
        }
    }

    @Test
    @Order(7)
    void everyMetricTheDashboardQueriesIsExportedByARunningService() throws Exception {
        system.firstAlert();
        Map<String, Set<String>> exported = system.exportedMetrics();
        // For whoever extends the dashboard: what the services export after one alert.
        java.nio.file.Files.write(Paths.build().resolve("exported-metrics.txt"),
                new TreeSet<>(exported.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
        Dashboard dashboard = new Dashboard();
        Set<String> missing = new TreeSet<>(dashboard.metricNames());
        missing.removeAll(exported.keySet());
        assertThat(missing).as("metric names the dashboard queries but no service exports").isEmpty();

        List<String> badGrouping = new ArrayList<>();
        for (Dashboard.Query q : dashboard.queries()) {
            Set<String> labels = new TreeSet<>(Set.of("job", "instance")); // added by Prometheus when it scrapes
            q.metrics().forEach(m -> labels.addAll(exported.getOrDefault(m, Set.of())));
            for (String label : q.groupingLabels()) {
                if (!labels.contains(label)) {
                    badGrouping.add(q.panel() + ": by " + label + " not on " + q.metrics());
                }
            }
        }
        assertThat(badGrouping).as("labels the dashboard groups by that its metrics do not carry").isEmpty();
    }
}
