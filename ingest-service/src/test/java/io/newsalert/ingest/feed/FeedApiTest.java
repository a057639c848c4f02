package io.newsalert.ingest.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.newsalert.events.EventSerdes;
import io.newsalert.events.RawArticle;
import io.newsalert.events.Topics;
import io.newsalert.ingest.testing.FeedServer;
import io.newsalert.localkafka.LocalKafkaResource;
import io.newsalert.localkafka.SharedBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The feed registry API, its key, the default feeds and the metrics, on the running service. */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class FeedApiTest {

    private static final FeedServer SERVER = new FeedServer();

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    private static RequestSpecification api() {
        return given().header("Authorization", "Bearer test-admin-key");
    }

    private static String rss(String link, String title) {
        return "<rss version=\"2.0\"><channel><title>t</title><item><title>" + title + "</title><link>" + link
                + "</link></item></channel></rss>";
    }

    @Test
    void theApiNeedsTheAdminKeyButTheSampleFeedDoesNot() {
        given().when().get("/api/feeds").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer").body("error", containsString("Authorization: Bearer"));
        given().header("Authorization", "Bearer wrong").when().get("/api/feeds").then().statusCode(401)
                .body("error", equalTo("the API key is not valid"));
        api().when().get("/api/feeds").then().statusCode(200);
        given().when().get("/sample/seed-feed.xml").then().statusCode(200)
                .contentType(startsWith("application/rss+xml")).body(containsString("Truppen"));
    }

    @Test
    void theOfflineSampleIsADefaultFeedAndItsSeedArticleIsPublished() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api().when().get("/api/feeds").then()
                .statusCode(200)
                .body("id", hasItem("sample"))
                // offline in tests: no internet feed is registered
                .body("id", not(hasItem("tagesschau"))));
        try (KafkaConsumer<String, RawArticle> consumer = rawConsumer()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, RawArticle> r : consumer.poll(Duration.ofMillis(500))) {
                    if ("sample".equals(r.value().feedId())
                            && r.value().title().equals("Ukraine-Konflikt: Rätselraten um russische Truppen")) {
                        return true;
                    }
                }
                return false;
            });
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> api().when().get("/api/feeds/sample").then()
                .statusCode(200)
                .body("url", containsString("/sample/seed-feed.xml"))
                .body("health.status", equalTo("ok"))
                .body("health.itemsSeen", equalTo(1)));
    }

    @Test
    void aFirstPollOfALargeFeedPublishesEveryItemOnce() {
        String path = "/large-" + UUID.randomUUID();
        StringBuilder rss = new StringBuilder("<rss version=\"2.0\"><channel><title>gross</title>");
        for (int i = 0; i < 300; i++) {
            rss.append("<item><title>Meldung ").append(i).append("</title><link>https://news.example").append(path)
                    .append('/').append(i).append("</link></item>");
        }
        SERVER.feed(path, rss.append("</channel></rss>").toString());
        String id = api().contentType(ContentType.JSON).body(Map.of("url", SERVER.url(path), "pollIntervalSeconds", 1))
                .when().post("/api/feeds").then().statusCode(201).extract().path("id");
        Map<String, Integer> perArticle = new java.util.HashMap<>();
        try (KafkaConsumer<String, RawArticle> consumer = rawConsumer()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, RawArticle> r : consumer.poll(Duration.ofMillis(500))) {
                    if (id.equals(r.value().feedId())) {
                        perArticle.merge(r.key(), 1, Integer::sum);
                    }
                }
                return perArticle.size() == 300;
            });
            // a few more polls of the same feed publish nothing more
            await().atMost(Duration.ofSeconds(30)).until(() -> api().when().get("/api/feeds/" + id).then()
                    .extract().<Integer>path("health.itemsSeen") >= 900);
            for (ConsumerRecord<String, RawArticle> r : consumer.poll(Duration.ofSeconds(1))) {
                if (id.equals(r.value().feedId())) {
                    perArticle.merge(r.key(), 1, Integer::sum);
                }
            }
        }
        assertThat(perArticle).hasSize(300).allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
        api().when().delete("/api/feeds/" + id).then().statusCode(204);
    }

    @Test
    void feedsAreRegisteredShownChangedAndDeleted() {
        String path = "/crud-" + UUID.randomUUID();
        SERVER.feed(path, rss("https://news.example" + path, "CRUD"));
        String id = api().contentType(ContentType.JSON)
                .body(Map.of("url", SERVER.url(path), "title", "Testfeed", "pollIntervalSeconds", 1,
                        "languageHint", "de", "labels", List.of("test")))
                .when().post("/api/feeds").then().statusCode(201)
                .body("title", equalTo("Testfeed")).body("enabled", equalTo(true))
                .extract().path("id");
        api().when().get("/api/feeds/" + id).then().statusCode(200).body("url", equalTo(SERVER.url(path)))
                .body("labels", equalTo(List.of("test")));
        api().contentType(ContentType.JSON).body(Map.of("url", SERVER.url(path))).when().post("/api/feeds")
                .then().statusCode(409).body("id", equalTo(id));
        api().contentType(ContentType.JSON).body(Map.of("url", "ftp://example.org/feed")).when().post("/api/feeds")
                .then().statusCode(400).body("error", containsString("http or https"));
        api().contentType(ContentType.JSON).body(Map.of("url", SERVER.url(path), "pollIntervalSeconds", 0))
                .when().post("/api/feeds").then().statusCode(400).body("error", containsString("pollIntervalSeconds"));

        api().contentType(ContentType.JSON).body(Map.of("title", "Umbenannt", "enabled", false))
                .when().put("/api/feeds/" + id).then().statusCode(200)
                .body("title", equalTo("Umbenannt")).body("enabled", equalTo(false))
                .body("url", equalTo(SERVER.url(path)));
        api().when().get("/api/feeds/" + id).then().body("title", equalTo("Umbenannt"));
        api().when().delete("/api/feeds/" + id).then().statusCode(204);
        api().when().get("/api/feeds/" + id).then().statusCode(404).body("error", containsString(id));
        api().when().delete("/api/feeds/" + id).then().statusCode(404);
    }

    @Test
    void aFailingFeedShowsItsErrorAndStaysRegistered() {
        SERVER.handle("/broken", ex -> FeedServer.respond(ex, 500, "oops".getBytes()));
        String id = api().contentType(ContentType.JSON)
                .body(Map.of("url", SERVER.url("/broken"), "pollIntervalSeconds", 1))
                .when().post("/api/feeds").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api().when().get("/api/feeds/" + id).then()
                .statusCode(200)
                .body("health.status", equalTo("failing"))
                .body("health.lastError", containsString("HTTP 500"))
                .body("health.lastErrorKind", equalTo("http_status"))
                .body("health.consecutiveErrors", org.hamcrest.Matchers.greaterThanOrEqualTo(2))
                .body("health.nextPoll", org.hamcrest.Matchers.notNullValue()));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("newsalert_ingest_fetches_total{feed=\"" + id + "\",outcome=\"error\"}"))
                .body(containsString("newsalert_ingest_feeds_failing"))
                .body(containsString("newsalert_ingest_feeds_stale"))
                .body(containsString("newsalert_ingest_fetch_duration_seconds_count"))
                .body(containsString("newsalert_ingest_errors_total{kind=\"http_status\"}"));
        api().when().delete("/api/feeds/" + id).then().statusCode(204);
    }

    @Test
    void opmlImportRegistersNestedFeedsWithFolderLabelsAndRefusesBrokenFiles() {
        byte[] opml = FeedServer.resource("/feeds/opml/feedlist_de.opml");
        // imported switched off, so that the test never polls the internet
        Response first = api().contentType("text/x-opml").body(opml).queryParam("enabled", false)
                .when().post("/api/feeds/import");
        first.then().statusCode(200);
        List<Map<String, Object>> imported = first.path("imported");
        assertThat(imported).extracting(m -> m.get("url")).contains("https://www.tagesschau.de/newsticker.rdf",
                "https://www.heise.de/newsticker/heise-atom.xml");
        assertThat(imported).allSatisfy(m -> assertThat(m.get("enabled")).isEqualTo(false));
        Map<String, Object> tagesschau = imported.stream()
                .filter(m -> m.get("url").equals("https://www.tagesschau.de/newsticker.rdf")).findFirst().orElseThrow();
        assertThat(tagesschau.get("title")).isEqualTo("Tagesschau");
        assertThat(tagesschau.get("labels")).isEqualTo(List.of("Beispiel-Abonnements", "Deutsch", "News"));
        List<Map<String, Object>> skipped = first.path("skipped");
        assertThat(skipped).anySatisfy(s -> assertThat(s.get("reason").toString()).contains("http or https"));

        // importing again changes nothing: every feed is already there
        Response again = api().contentType("text/x-opml").body(opml).queryParam("enabled", false)
                .when().post("/api/feeds/import");
        assertThat(again.<List<?>>path("imported")).isEmpty();
        assertThat(again.<List<Map<String, Object>>>path("skipped"))
                .anySatisfy(s -> assertThat(s.get("reason").toString()).contains("already registered"));

        api().contentType("text/x-opml").body(FeedServer.resource("/feeds/opml/malformed-United-States.opml"))
                .when().post("/api/feeds/import").then().statusCode(400)
                .body("error", containsString("not well-formed XML (line"));
        api().contentType("application/xml").body(FeedServer.resource("/feeds/sample/seed-feed.xml"))
                .when().post("/api/feeds/import").then().statusCode(400).body("error", containsString("not an OPML list"));
    }

    @Test
    void previewShowsItemsAsTheyWouldBePublishedWithoutRegisteringOrPublishing() {
        SERVER.feed("/golem", FeedServer.resource("/feeds/miniflux/encoding_ISO-8859-1.xml"), "application/rss+xml",
                null);
        int feedsBefore = api().when().get("/api/feeds").then().extract().<List<?>>path("id").size();
        api().contentType(ContentType.JSON).body(Map.of("url", SERVER.url("/golem")))
                .when().post("/api/feeds/preview").then().statusCode(200)
                .body("feed.title", equalTo("Golem.de"))
                .body("feed.language", equalTo("de"))
                .body("items[0].title", equalTo("Red Dead Redemption 2: Hinweise auf PC-Umsetzung in App von Rockstar Games"))
                .body("items[0].summary", startsWith("Viele Spieler wünschen sich"))
                .body("items[0].id", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{16}"))
                .body("items[0].published", org.hamcrest.Matchers.notNullValue());
        assertThat(api().when().get("/api/feeds").then().extract().<List<?>>path("id")).hasSize(feedsBefore);

        SERVER.feed("/page", "<!DOCTYPE html><html><body>Hallo</body></html>".getBytes(), "text/html", null);
        api().contentType(ContentType.JSON).body(Map.of("url", SERVER.url("/page")))
                .when().post("/api/feeds/preview").then().statusCode(422)
                .body("error", containsString("HTML page, not a feed"));
    }

    private static KafkaConsumer<String, RawArticle> rawConsumer() {
        KafkaConsumer<String, RawArticle> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.get().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "feed-api-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new EventSerdes.RawArticleSerde());
        consumer.subscribe(new ArrayList<>(List.of(Topics.ARTICLES_RAW)));
        return consumer;
    }
}
