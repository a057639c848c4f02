package io.newsalert.alert.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.newsalert.events.Topics;
import io.newsalert.localkafka.LocalKafkaResource;
import io.newsalert.localkafka.SharedBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class ApiKeysTest {

    static final String ADMIN = "Bearer test-admin-key";

    @Test
    void apiCallsWithoutAValidKeyAreRefusedWithAJsonReason() {
        given().when().get("/api/keys").then().statusCode(401).contentType(ContentType.JSON)
                .body("error", startsWith("an API key is needed"));
        given().header("Authorization", "Bearer nak_not-a-key").when().get("/api/subscriptions")
                .then().statusCode(401).body("error", equalTo("the API key is not valid"));
        given().header("Authorization", "Basic dXNlcjpwdw==").when().get("/api/subscriptions")
                .then().statusCode(401);
        // Unknown paths under /api/ are guarded too, so they reveal nothing.
        given().when().get("/api/nothing-here").then().statusCode(401);
        // The unsubscribe link is public (token-signed): no key asked for, whatever answers there.
        given().when().get("/api/unsubscribe").then().statusCode(not(equalTo(401)));
        // Outside /api/ nothing is asked.
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void theAdminCreatesAKeyThatWorksIsStoredOnlyAsAHashAndCanBeRevoked() {
        String name = "newsroom-" + UUID.randomUUID();
        var created = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .when().post("/api/keys")
                .then().statusCode(201).body("id", startsWith("key_")).body("key", startsWith("nak_"))
                .extract().jsonPath();
        String id = created.getString("id");
        String secret = created.getString("key");

        // The new key authenticates (it may not manage keys: that is the admin's).
        given().header("Authorization", "Bearer " + secret).when().get("/api/keys")
                .then().statusCode(403).body("error", notNullValue());
        given().header("Authorization", "Bearer " + secret).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .when().post("/api/keys").then().statusCode(403);

        // Listed without its secret.
        given().header("Authorization", ADMIN).when().get("/api/keys").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.name", equalTo(name))
                .body("find { it.id == '" + id + "' }.key", equalTo(null));

        // The topic holds the hash, never the secret.
        List<String> stored = readKeysTopic();
        assertThat(stored).anyMatch(v -> v.contains(id));
        assertThat(stored).noneMatch(v -> v.contains(secret) || v.contains(secret.substring(4)));

        given().header("Authorization", ADMIN).when().delete("/api/keys/" + id).then().statusCode(204);
        given().header("Authorization", "Bearer " + secret).when().get("/api/keys").then().statusCode(401);
        given().header("Authorization", ADMIN).when().delete("/api/keys/" + id).then().statusCode(404);
    }

    @Test
    void aKeyNeedsAName() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("name", " "))
                .when().post("/api/keys").then().statusCode(400).body("error", startsWith("name:"));
    }

    private static List<String> readKeysTopic() {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", SharedBroker.get().bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(Topics.API_KEYS, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null) {
                        values.add(new String(r.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return values;
    }
}
