package io.newsalert.alert.subscription;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.newsalert.alert.match.SeedArticle;
import io.newsalert.events.EnrichedArticle;
import io.newsalert.events.Entity;
import io.newsalert.events.EventSerdes;
import io.newsalert.events.Match;
import io.newsalert.events.RawArticle;
import io.newsalert.events.SchemaVersion;
import io.newsalert.events.Topic;
import io.newsalert.events.Topics;
import io.newsalert.localkafka.LocalKafkaResource;
import io.newsalert.localkafka.SharedBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The subscriptions API and matching end to end on the real broker: keys, ownership, validation,
 * and the seed article published to news.articles.enriched producing exactly the expected
 * matches on alerts.matches.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class SubscriptionApiTest {

    static final String ADMIN = "Bearer test-admin-key";

    static final List<String> MUST_MATCH = List.of("Truppenabzug", "Aufmarsch", "Einmarsch", "Sanktion",
            "entity:Stoltenberg", "\"Truppen abzuziehen\"", "Truppenabzug AND NATO");
    static final List<String> MUST_NOT_MATCH = List.of("\"Truppenabzug\"", "Holz", "Rüssel", "Waffenstillstand",
            "Truppenabzug NOT NATO");

    @Test
    void theSeedArticleAlertsExactlyTheSubscriptionsItShould() throws Exception {
        String key = newKey("seed");
        Map<String, String> idByQuery = new LinkedHashMap<>();
        for (String q : concat(MUST_MATCH, MUST_NOT_MATCH)) {
            idByQuery.put(q, create(key, Map.of("name", q, "query", q, "channels", List.of(webhook()))));
        }
        String articleId = "seed-" + UUID.randomUUID().toString().substring(0, 8);
        try (MatchReader reader = new MatchReader()) {
            publish(seed(articleId, 1));
            Map<String, Match> matched = reader.awaitMatches(articleId, MUST_MATCH.stream().map(idByQuery::get).toList());
            for (String q : MUST_MATCH) {
                Match m = matched.get(idByQuery.get(q));
                assertThat(m).as(q).isNotNull();
                assertThat(m.spans()).as(q + " says where").isNotEmpty();
                assertThat(m.snippet()).as(q + " snippet").contains("«");
                assertThat(m.articleRevision()).isEqualTo(1);
            }
            for (String q : MUST_NOT_MATCH) {
                assertThat(matched).as(q + " must not match").doesNotContainKey(idByQuery.get(q));
            }

            // Recent matches come from alerts.matches.
            String truppenabzug = idByQuery.get("Truppenabzug");
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    given().header("Authorization", "Bearer " + key).when().get("/api/subscriptions/" + truppenabzug + "/matches")
                            .then().statusCode(200).body("articleId", hasItem(articleId))
                            .body("[0].snippet", containsString("«Abzug»")));

            // An edit is live at once: "Holz" becomes "Scholz" and now matches revision 2; the
            // unchanged matches of revision 2 are not published again.
            String holz = idByQuery.get("Holz");
            given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                    .body(Map.of("name", "Scholz", "query", "Scholz", "channels", List.of(webhook())))
                    .when().put("/api/subscriptions/" + holz).then().statusCode(200).body("query", equalTo("Scholz"));
            Thread.sleep(1000);
            publish(seed(articleId, 2));
            Map<String, Match> second = reader.awaitMatches(articleId, List.of(holz));
            assertThat(second.get(holz).articleRevision()).isEqualTo(2);
            assertThat(second.get(holz).spans()).anyMatch(s -> s.term().equals("Scholz"));
            assertThat(reader.seen(articleId, truppenabzug)).as("unchanged match not published again").isEqualTo(1);
        }
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("newsalert_alert_matches_total"))
                .body(containsString("newsalert_alert_match_duration_seconds"));
    }

    @Test
    void aKeySeesAndChangesOnlyItsOwnSubscriptions() {
        String alice = newKey("alice");
        String bob = newKey("bob");
        var created = given().header("Authorization", "Bearer " + alice).contentType(ContentType.JSON)
                .body(Map.of("name", "Abzug", "query", "Truppenabzug", "frequency", "hourly",
                        "languages", List.of("de"), "channels", List.of(webhook(), Map.of("type", "email", "address", "alice@example.org"))))
                .when().post("/api/subscriptions")
                .then().statusCode(201)
                .body("id", startsWith("sub_"))
                .body("frequency", equalTo("hourly"))
                .body("channels[0].secret", startsWith("whsec_"))
                .body("channels[1].address", equalTo("alice@example.org"))
                .extract().jsonPath();
        String id = created.getString("id");

        // The secret is shown once.
        given().header("Authorization", "Bearer " + alice).when().get("/api/subscriptions/" + id)
                .then().statusCode(200).body("query", equalTo("Truppenabzug")).body("channels[0].secret", nullValue());
        given().header("Authorization", "Bearer " + alice).when().get("/api/subscriptions")
                .then().statusCode(200).body("id", hasItem(id));

        // Another key: as if it did not exist.
        given().header("Authorization", "Bearer " + bob).when().get("/api/subscriptions/" + id).then().statusCode(404);
        given().header("Authorization", "Bearer " + bob).when().get("/api/subscriptions/" + id + "/matches").then().statusCode(404);
        given().header("Authorization", "Bearer " + bob).when().get("/api/subscriptions").then().statusCode(200)
                .body("id", not(hasItem(id)));
        given().header("Authorization", "Bearer " + bob).contentType(ContentType.JSON)
                .body(Map.of("query", "Holz", "channels", List.of(webhook())))
                .when().put("/api/subscriptions/" + id).then().statusCode(404);
        given().header("Authorization", "Bearer " + bob).when().delete("/api/subscriptions/" + id).then().statusCode(404);

        // The admin sees everything.
        given().header("Authorization", ADMIN).when().get("/api/subscriptions/" + id).then().statusCode(200);

        // Replacing keeps the webhook secret unless a new one is given, and does not show it again.
        given().header("Authorization", "Bearer " + alice).contentType(ContentType.JSON)
                .body(Map.of("query", "Truppenabzug OR Rückzug", "channels", List.of(webhook()), "enabled", false))
                .when().put("/api/subscriptions/" + id).then().statusCode(200)
                .body("enabled", equalTo(false)).body("channels[0].secret", nullValue());

        given().header("Authorization", "Bearer " + alice).when().delete("/api/subscriptions/" + id).then().statusCode(204);
        given().header("Authorization", "Bearer " + alice).when().get("/api/subscriptions/" + id).then().statusCode(404);
        given().when().get("/api/subscriptions").then().statusCode(401);
    }

    @Test
    void aBadSubscriptionIsRefusedWithWhatAndWhere() {
        String key = newKey("careless");
        refused(key, Map.of("query", "Ukraine AND", "channels", List.of(webhook())), "query: the query does not parse")
                .body("position", equalTo(11));
        refused(key, Map.of("query", "Ukraine autor:Scholz", "channels", List.of(webhook())), "query: unknown field 'autor'")
                .body("position", equalTo(8));
        refused(key, Map.of("query", "Ukraine", "channels", List.of(Map.of("type", "webhook", "url", "ftp://example.org/x"))),
                "channels[0].url: 'ftp://example.org/x' is not an http(s) URL");
        refused(key, Map.of("query", "Ukraine", "channels", List.of(webhook(), Map.of("type", "email", "address", "nobody-at-example.org"))),
                "channels[1].address: 'nobody-at-example.org' is not an e-mail address");
        refused(key, Map.of("query", "Ukraine", "channels", List.of(Map.of("type", "pigeon"))), "channels[0].type: 'pigeon'");
        refused(key, Map.of("query", "Ukraine", "channels", List.of()), "channels: at least one channel");
        refused(key, Map.of("query", "Ukraine", "frequency", "weekly", "channels", List.of(webhook())), "frequency: 'weekly'");
        refused(key, Map.of("query", "Ukraine", "timezone", "Mars/Olympus", "channels", List.of(webhook())), "timezone: 'Mars/Olympus'");
        refused(key, Map.of("query", "Ukraine", "languages", List.of("Deutsch"), "channels", List.of(webhook())), "languages[0]: 'Deutsch'");
        // SSRF guard at subscribe time: the cloud metadata address and private ranges are not on the test allow-list.
        refused(key, Map.of("query", "Ukraine", "channels", List.of(webhook(),
                Map.of("type", "webhook", "url", "http://169.254.169.254/latest/meta-data"))), "channels[1].url: webhook host 169.254.169.254");
        refused(key, Map.of("query", "Ukraine", "channels", List.of(Map.of("type", "webhook", "url", "http://10.1.2.3:8080/hook"))),
                "channels[0].url: webhook host 10.1.2.3");
    }

    @Test
    void thePreviewSaysWhetherWhereAndWhyWithoutStoringAnything() {
        String key = newKey("preview");
        String text = SeedArticle.text();
        int at = text.indexOf("Jens Stoltenberg");
        Map<String, Object> article = Map.of("title", SeedArticle.TITLE, "text", text, "language", "de",
                "entities", List.of(Map.of("type", "PER", "text", "Jens Stoltenberg", "canonical", "Jens Stoltenberg",
                        "field", "text", "start", at, "end", at + 16)),
                "topics", List.of("conflict"), "feed", "tagesschau");
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body(Map.of("query", "Truppenabzug", "article", article))
                .when().post("/api/match").then().statusCode(200)
                .body("matched", equalTo(true))
                .body("spans.field", hasItem("text"))
                .body("spans.term", hasItem("Truppenabzug"))
                .body("snippet", containsString("«Abzug» russischer «Truppen»"));
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body(Map.of("query", "entity:Stoltenberg AND topic:conflict", "article", article))
                .when().post("/api/match").then().statusCode(200)
                .body("matched", equalTo(true)).body("spans[0].start", equalTo(at));
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body(Map.of("query", "Holz", "article", article))
                .when().post("/api/match").then().statusCode(200).body("matched", equalTo(false));
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body(Map.of("query", "(Truppenabzug", "article", article))
                .when().post("/api/match").then().statusCode(400).body("position", equalTo(13))
                .body("error", startsWith("query:"));
        given().contentType(ContentType.JSON).body(Map.of("query", "Holz", "article", article))
                .when().post("/api/match").then().statusCode(401);
    }

    // --- helpers ---

    private static io.restassured.response.ValidatableResponse refused(String key, Map<String, Object> body, String error) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(body)
                .when().post("/api/subscriptions").then().statusCode(400).body("error", startsWith(error));
    }

    static Map<String, Object> webhook() {
        return Map.of("type", "webhook", "url", "http://127.0.0.1:9/newsalert-test");
    }

    static String newKey(String name) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("name", name))
                .when().post("/api/keys").then().statusCode(201).extract().path("key");
    }

    static String create(String key, Map<String, Object> body) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(body)
                .when().post("/api/subscriptions").then().statusCode(201).extract().path("id");
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static EnrichedArticle seed(String id, int revision) {
        String text = SeedArticle.text();
        List<Entity> entities = SeedArticle.entities(text);
        RawArticle raw = new RawArticle(SchemaVersion.CURRENT, id, "tagesschau", id, "https://www.tagesschau.de/" + id,
                SeedArticle.TITLE, text, null, List.of(), List.of(), Instant.parse("2022-02-16T15:46:00Z"), Instant.now(),
                revision, "de");
        return new EnrichedArticle(SchemaVersion.CURRENT, raw, "de", entities,
                List.of(new Topic("medtop:16000000", "conflict", 0.9)), null, Instant.now());
    }

    static void publish(EnrichedArticle article) throws Exception {
        try (KafkaProducer<String, EnrichedArticle> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", SharedBroker.get().bootstrapServers()),
                new StringSerializer(), new EventSerdes.EnrichedArticleSerde())) {
            producer.send(new ProducerRecord<>(Topics.ARTICLES_ENRICHED, article.id(), article)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Reads alerts.matches from its end as of creation. */
    static final class MatchReader implements AutoCloseable {
        final KafkaConsumer<String, Match> consumer;
        final List<Match> all = new ArrayList<>();

        MatchReader() {
            consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", SharedBroker.get().bootstrapServers()),
                    new StringDeserializer(), new EventSerdes.MatchSerde());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MATCHES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        /** Waits until every expected subscription matched the article, then a little longer for stray ones. */
        Map<String, Match> awaitMatches(String articleId, List<String> expected) {
            long deadline = System.currentTimeMillis() + 60_000;
            Map<String, Match> latest = new HashMap<>();
            while (System.currentTimeMillis() < deadline && !latest.keySet().containsAll(expected)) {
                poll(latest, articleId, 200);
            }
            long settle = System.currentTimeMillis() + 1500;
            while (System.currentTimeMillis() < settle) {
                poll(latest, articleId, 100);
            }
            assertThat(latest.keySet()).as("subscriptions that matched " + articleId).containsAll(expected);
            return latest;
        }

        private void poll(Map<String, Match> latest, String articleId, long ms) {
            for (ConsumerRecord<String, Match> r : consumer.poll(Duration.ofMillis(ms))) {
                all.add(r.value());
                assertThat(r.key()).isEqualTo(r.value().subscriptionId());
                if (r.value().articleId().equals(articleId)) {
                    latest.put(r.value().subscriptionId(), r.value());
                }
            }
        }

        long seen(String articleId, String subscriptionId) {
            return all.stream().filter(m -> m.articleId().equals(articleId) && m.subscriptionId().equals(subscriptionId)).count();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
