package io.newsalert.ingest.publish;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class ArticlePublisherTest {

    @Inject
    ArticlePublisher publisher;

    @Test
    void publishedArticleArrivesOnTheRawTopicKeyedByItsId() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 16);
        RawArticle article = new RawArticle(SchemaVersion.CURRENT, id, "sample", "g", "https://e.de/" + id,
                "Titel", "Text", null, List.of(), List.of(), Instant.now(), Instant.now(), 1, "de");
        publisher.publish(article).toCompletableFuture().get(30, TimeUnit.SECONDS);

        try (KafkaConsumer<String, RawArticle> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.get().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "ingest-test-" + id,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new EventSerdes.RawArticleSerde())) {
            consumer.subscribe(List.of(Topics.ARTICLES_RAW));
            ConsumerRecord<String, RawArticle> found = null;
            long deadline = System.currentTimeMillis() + 30_000;
            while (found == null && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, RawArticle> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key().equals(id)) {
                        found = r;
                    }
                }
            }
            assertThat(found).as("article %s on %s", id, Topics.ARTICLES_RAW).isNotNull();
            assertThat(found.value()).isEqualTo(article);
        }
    }

    @Test
    void operatorEndpointsAreUp() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().when().get("/q/openapi").then().statusCode(200);
    }
}
