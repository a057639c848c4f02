package io.newsalert.alert.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.localkafka.LocalKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The same seeded query generator as {@link QueryCompilerFuzzTest}, through the HTTP API: a query
 * (and a mangled JSON body) sent to {@code POST /api/match} and {@code POST /api/subscriptions}
 * answers 200/201 or a 400 with an error, never a 5xx, each within the client's socket timeout; the
 * preview and subscription validation agree on which queries are refused.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class QueryApiFuzzTest {

    static final long SEED = 0xF022_2026L;
    /** The compiler fuzz covers the breadth; here each try is two HTTP calls, so fewer. */
    static final int TRIES = 100;
    static final String ADMIN = "Bearer test-admin-key";
    static final RestAssuredConfig TIMEOUT = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.socket.timeout", 10_000).setParam("http.connection.timeout", 10_000));

    @Test
    void queriesFromTheGeneratorAre200Or400NeverAServerError() {
        Random random = new Random(SEED);
        for (int i = 0; i < TRIES; i++) {
            String query = i % 2 == 0 ? QueryCompilerFuzzTest.grammatical(random)
                    : QueryCompilerFuzzTest.mutate(random, QueryCompilerFuzzTest.random(random), 2);
            Response match = post("/api/match", Map.of("query", query,
                    "article", Map.of("title", "Ukraine-Konflikt: Truppenabzug", "text", "Die NATO und Brüssel", "language", "de")));
            assertAnswered(match, "/api/match " + QueryCompilerFuzzTest.printable(query), 200);
            if (match.statusCode() == 400) {
                assertThat(match.<Integer>path("position")).as("position for " + QueryCompilerFuzzTest.printable(query))
                        .isBetween(0, query.length());
            }
            // Without a channel nothing is stored: the answer says whether the query passed validation.
            Response sub = post("/api/subscriptions", Map.of("query", query, "name", "fuzz " + i, "channels", java.util.List.of()));
            assertAnswered(sub, "/api/subscriptions " + QueryCompilerFuzzTest.printable(query), 400);
            assertThat(sub.<String>path("error").startsWith("query:"))
                    .as("subscription validation and preview agree on " + QueryCompilerFuzzTest.printable(query) + ": "
                            + sub.<String>path("error"))
                    .isEqualTo(match.statusCode() == 400);
        }
    }

    @Test
    void mangledSubscriptionBodiesAre201Or400NeverAServerError() {
        Random random = new Random(SEED + 1);
        String valid = "{\"name\": \"n\", \"query\": \"Ukraine\", \"frequency\": \"hourly\", \"timezone\": \"Europe/Berlin\","
                + " \"languages\": [\"de\"], \"feeds\": [\"tagesschau\"], \"enabled\": true,"
                + " \"channels\": [{\"type\": \"email\", \"address\": \"fuzz-at-example.org\"}]}";
        // The channel (checked last) is never valid, so nothing is stored however the body is mangled: fast.
        for (int i = 0; i < TRIES; i++) {
            String body = mangle(random, valid);
            Response answer = given().config(TIMEOUT).header("Authorization", ADMIN).contentType(ContentType.JSON)
                    .body(body).when().post("/api/subscriptions");
            assertAnswered(answer, "body " + QueryCompilerFuzzTest.printable(body), 201);
            if (answer.statusCode() == 201) {
                given().config(TIMEOUT).header("Authorization", ADMIN).delete("/api/subscriptions/" + answer.path("id"))
                        .then().statusCode(204);
            }
        }
    }

    /** JSON-aware mutations: swap a value for one of another type, drop or duplicate characters. */
    static String mangle(Random random, String json) {
        String[] values = {"null", "1", "-1.5e308", "true", "[]", "{}", "\"\"", "[1]", "{\"a\": 1}", "\"\\u0000\"",
                "\"x\\r\\nBcc: a@b.c\"", "99999999999999999999999", "\"" + "y".repeat(300) + "\""};
        StringBuilder b = new StringBuilder(json);
        int times = 1 + random.nextInt(3);
        for (int t = 0; t < times; t++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(4)) {
                case 0 -> {
                    // replace the value after a colon
                    int colon = b.indexOf(":", at);
                    if (colon > 0) {
                        int end = colon + 1;
                        while (end < b.length() && ",}".indexOf(b.charAt(end)) < 0 && b.charAt(end) != '[') {
                            end++;
                        }
                        b.replace(colon + 1, end, " " + values[random.nextInt(values.length)]);
                    }
                }
                case 1 -> b.deleteCharAt(at);
                case 2 -> b.insert(at, "{}[],:\"\\ x1".charAt(random.nextInt(11)));
                default -> b.insert(at, b.substring(at, Math.min(b.length(), at + 1 + random.nextInt(20))));
            }
        }
        return b.toString();
    }

    private static Response post(String path, Map<String, Object> body) {
        return given().config(TIMEOUT).header("Authorization", ADMIN).contentType(ContentType.JSON).body(body)
                .when().post(path);
    }

    private static void assertAnswered(Response answer, String what, int success) {
        assertThat(answer.statusCode()).as(what + " answered " + answer.asString()).isIn(success, 400);
        if (answer.statusCode() == 400) {
            assertThat(answer.<String>path("error")).as(what).isNotBlank();
        }
    }
}
