package io.newsalert.enrich.topology;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.newsalert.events.EnrichedArticle;
import io.newsalert.events.Entity;
import io.newsalert.events.EventSerdes;
import io.newsalert.events.RawArticle;
import io.newsalert.events.SchemaVersion;
import io.newsalert.events.Topic;
import io.newsalert.events.Topics;
import io.newsalert.localkafka.LocalKafkaResource;
import io.newsalert.localkafka.SharedBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The running service against the in-JVM broker: raw in, enriched out (deduplicated, analysed),
 * trending entities and on-demand analysis over HTTP, with the admin key, and the metrics.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class EnrichPipelineTest {

    static final String KEY = "Bearer test-admin-key";
    static String seedTitle;
    static String seedText;

    @BeforeAll
    static void readSeed() throws IOException {
        try (InputStream in = EnrichPipelineTest.class.getResourceAsStream("/seed/000_981597b431742589.txt")) {
            String seed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int firstBreak = seed.indexOf("\n\n");
            seedTitle = seed.substring(0, firstBreak).strip();
            seedText = seed.substring(firstBreak).strip();
        }
    }

    private static RawArticle seedArticle(String id, int revision) {
        String teaser = seedText.substring(0, seedText.indexOf("\n\n"));
        String html = "<p>" + seedText.replace("\n\n", "</p><p>") + "</p>";
        return new RawArticle(SchemaVersion.CURRENT, id, "sample", id, "https://www.tagesschau.de/" + id,
                seedTitle, teaser, html, List.of(), List.of("Ausland"), Instant.now(), Instant.now(), revision, "de");
    }

    @Test
    void theSeedArticleComesOutEnrichedOnceAndItsRevisionReplacesIt() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 16);
        String bootstrap = SharedBroker.get().bootstrapServers();
        try (KafkaProducer<String, RawArticle> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap), new StringSerializer(), new EventSerdes.RawArticleSerde())) {
            producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW, id, seedArticle(id, 1))).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW, id, seedArticle(id, 1))).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW, id, seedArticle(id, 2))).get(30, TimeUnit.SECONDS);
        }
        List<EnrichedArticle> found = new ArrayList<>();
        try (KafkaConsumer<String, EnrichedArticle> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "enrich-test-" + id,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new EventSerdes.EnrichedArticleSerde())) {
            consumer.subscribe(List.of(Topics.ARTICLES_ENRICHED));
            long deadline = System.currentTimeMillis() + 90_000;
            long quietUntil = Long.MAX_VALUE;
            // Read until both revisions are in, then a little longer to see that the duplicate stays out.
            while (System.currentTimeMillis() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, EnrichedArticle> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key().equals(id)) {
                        found.add(r.value());
                    }
                }
                if (found.size() >= 2 && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.currentTimeMillis() + 2_000;
                }
            }
        }
        assertThat(found).extracting(e -> e.article().revision()).containsExactly(1, 2);
        EnrichedArticle first = found.get(0);
        assertThat(first.enrichmentError()).isNull();
        assertThat(first.language()).isEqualTo("de");
        assertThat(first.entities()).extracting(Entity::canonical)
                .contains("Jens Stoltenberg", "Charles Michel", "Wladimir Putin", "NATO", "G20", "Jakarta");
        assertThat(first.topics()).extracting(Topic::label).contains("conflict", "politics");

        // Trending counts come through a repartition topic: wait for them.
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().header("Authorization", KEY).when().get("/api/entities/trending?window=1h&limit=100")
                        .then().statusCode(200)
                        .body("window", equalTo("1h"))
                        .body("entities.canonical", hasItems("Wladimir Putin", "NATO", "MSNBC"))
                        .body("entities.count", everyItem(greaterThanOrEqualTo(1))));
        given().header("Authorization", KEY).when().get("/api/entities/trending?window=1d&limit=5")
                .then().statusCode(200).body("entities.size()", equalTo(5));

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("newsalert_enrich_articles_total{language=\"de\"")
                .contains("newsalert_enrich_duplicates_total")
                .contains("newsalert_enrich_entities_total{type=\"PER\"")
                .contains("newsalert_enrich_duration_seconds_count")
                .contains("newsalert_enrich_errors_total");
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void enrichAnalysesOneTextAsTheStreamWould() {
        JsonPath answer = given().header("Authorization", KEY).contentType(ContentType.JSON)
                .body(Map.of("title", seedTitle, "text", seedText))
                .when().post("/api/enrich")
                .then().statusCode(200)
                .body("language", equalTo("de"))
                .body("entities.canonical", hasItems("Antony Blinken", "Olaf Scholz", "USA", "Krim"))
                .body("topics.label", hasItems("conflict", "politics"))
                .body("topics.code", hasItem("medtop:16000000"))
                .extract().jsonPath();
        List<Map<String, Object>> entities = answer.getList("entities");
        assertThat(entities).allSatisfy(e -> {
            String field = e.get("field").equals("title") ? seedTitle : seedText;
            assertThat(field.substring((Integer) e.get("start"), (Integer) e.get("end"))).isEqualTo(e.get("text"));
            assertThat((String) e.get("type")).isIn("PER", "ORG", "LOC", "MISC");
        });
        given().header("Authorization", KEY).contentType(ContentType.JSON)
                .body(Map.of("title", "Kurz", "text", seedText, "language", "en"))
                .when().post("/api/enrich").then().statusCode(200).body("language", equalTo("en"));
    }

    @Test
    void theApiNeedsTheAdminKey() {
        given().contentType(ContentType.JSON).body(Map.of("text", "Hallo Wien"))
                .when().post("/api/enrich").then().statusCode(401).body("error", containsString("API key"));
        given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body(Map.of("text", "Hallo Wien"))
                .when().post("/api/enrich").then().statusCode(401).body("error", containsString("not valid"));
        given().when().get("/api/entities/trending").then().statusCode(401);
        given().header("Authorization", KEY).when().get("/api/nothing-here").then().statusCode(404);
    }

    @Test
    void badRequestsAreRefusedWithAReason() {
        given().header("Authorization", KEY).contentType(ContentType.JSON).body(Map.of("language", "de"))
                .when().post("/api/enrich").then().statusCode(400).body("error", containsString("title"));
        given().header("Authorization", KEY).contentType(ContentType.JSON).body(Map.of("text", "Hallo", "language", "deutsch!"))
                .when().post("/api/enrich").then().statusCode(400).body("error", containsString("ISO 639"));
        given().header("Authorization", KEY).contentType(ContentType.JSON).body("{\"text\": ")
                .when().post("/api/enrich").then().statusCode(400);
        given().header("Authorization", KEY).when().get("/api/entities/trending?window=1y")
                .then().statusCode(400).body("error", containsString("1h or 1d"));
    }
}
