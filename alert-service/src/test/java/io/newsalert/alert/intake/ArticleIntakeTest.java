package io.newsalert.alert.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsalert.events.EnrichedArticle;
import io.newsalert.events.EventSerdes;
import io.newsalert.events.RawArticle;
import io.newsalert.events.SchemaVersion;
import io.newsalert.events.Topics;
import io.newsalert.localkafka.LocalKafkaResource;
import io.newsalert.localkafka.SharedBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class ArticleIntakeTest {

    @Inject
    MeterRegistry registry;

    @Test
    void enrichedArticlesAreConsumedFromTheBroker() throws Exception {
        double before = received();
        try (KafkaProducer<String, EnrichedArticle> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", SharedBroker.get().bootstrapServers()),
                new StringSerializer(), new EventSerdes.EnrichedArticleSerde())) {
            for (int i = 0; i < 3; i++) {
                RawArticle raw = new RawArticle(SchemaVersion.CURRENT, "intake-" + i, "sample", null, "https://e.de/" + i,
                        "Titel " + i, "Text", null, List.of(), List.of(), Instant.now(), Instant.now(), 1, "de");
                producer.send(new ProducerRecord<>(Topics.ARTICLES_ENRICHED, raw.id(), EnrichedArticle.passThrough(raw, Instant.now())))
                        .get(30, TimeUnit.SECONDS);
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> received() >= before + 3);
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("newsalert_alert_articles_received_total"));
    }

    @Test
    void anArticleHeldWhileTheBrokerIsAwayDoesNotFailTheChannel() {
        // Regression (soak broker-stop): SmallRye failed the channel for good once a record waited 60 s.
        long maxAge = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("mp.messaging.incoming.articles-enriched.throttled.unprocessed-record-max-age.ms", Long.class);
        org.assertj.core.api.Assertions.assertThat(maxAge).as("0 or less turns the age check off").isLessThanOrEqualTo(0);
    }

    private double received() {
        var counter = registry.find("newsalert.alert.articles.received").counter();
        return counter == null ? 0 : counter.count();
    }
}
