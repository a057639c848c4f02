package io.newsalert.enrich.topology;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.newsalert.events.EnrichedArticle;
import io.newsalert.events.EventSerdes;
import io.newsalert.events.RawArticle;
import io.newsalert.events.SchemaVersion;
import io.newsalert.events.Topics;
import io.newsalert.localkafka.LocalKafkaResource;
import io.newsalert.localkafka.SharedBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
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
import org.junit.jupiter.api.Test;

/** The running Kafka Streams app against the in-JVM broker: raw in, enriched out. */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class EnrichPipelineTest {

    @Test
    void rawArticleComesOutOnTheEnrichedTopic() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 16);
        RawArticle article = new RawArticle(SchemaVersion.CURRENT, id, "sample", "g", "https://e.de/" + id,
                "Titel", "Text", null, List.of(), List.of(), Instant.now(), Instant.now(), 1, "de");
        String bootstrap = SharedBroker.get().bootstrapServers();
        try (KafkaProducer<String, RawArticle> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap), new StringSerializer(), new EventSerdes.RawArticleSerde())) {
            producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW, id, article)).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, EnrichedArticle> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "enrich-test-" + id,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new EventSerdes.EnrichedArticleSerde())) {
            consumer.subscribe(List.of(Topics.ARTICLES_ENRICHED));
            EnrichedArticle found = null;
            long deadline = System.currentTimeMillis() + 60_000;
            while (found == null && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, EnrichedArticle> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key().equals(id)) {
                        found = r.value();
                    }
                }
            }
            assertThat(found).as("enriched article %s", id).isNotNull();
            assertThat(found.article()).isEqualTo(article);
        }
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
