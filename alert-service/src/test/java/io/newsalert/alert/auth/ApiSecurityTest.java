package io.newsalert.alert.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.newsalert.localkafka.LocalKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * The API's guards, checked from outside: every endpoint needs a key (enumerated from the OpenAPI
 * document, so that a new endpoint cannot slip through), keys and webhook secrets never come back
 * or reach the log, bodies are size-limited, and a body that is not the expected JSON is a 400
 * that says what is wrong.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class ApiSecurityTest {

    static final String ADMIN = "Bearer test-admin-key";
    /** Paths that answer without a key, and why. */
    static final Set<String> PUBLIC = Set.of("/api/unsubscribe"); // the signed token in the link is the proof
    /** Paths that must be in the OpenAPI document: if it stops listing them, the enumeration is blind. */
    static final Set<String> KNOWN = Set.of("/api/subscriptions", "/api/subscriptions/{id}", "/api/subscriptions/{id}/matches",
            "/api/subscriptions/{id}/deliveries", "/api/subscriptions/{id}/test", "/api/match", "/api/keys", "/api/keys/{id}");

    @Test
    void everyEndpointInTheOpenApiDocumentRefusesACallWithoutAValidKey() {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        assertThat(paths.keySet()).containsAll(KNOWN);
        List<String> checked = new ArrayList<>();
        for (var path : paths.entrySet()) {
            assertThat(path.getKey()).as("every endpoint lives under /api/ (or is public on purpose)")
                    .satisfiesAnyOf(p -> assertThat(p).startsWith("/api/"), p -> assertThat(PUBLIC).contains(p));
            if (PUBLIC.contains(path.getKey())) {
                continue;
            }
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "sub_0000");
            for (String method : path.getValue().keySet()) {
                for (String authorization : new String[] {null, "Bearer nak_not-a-key", "Basic dGVzdDp0ZXN0", "Bearer "}) {
                    var request = given().contentType(ContentType.JSON).body("{}");
                    if (authorization != null) {
                        request.header("Authorization", authorization);
                    }
                    Response answer = request.when().request(method.toUpperCase(), concrete);
                    assertThat(answer.statusCode()).as(method + " " + concrete + " with " + authorization).isEqualTo(401);
                    assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
                }
                checked.add(method.toUpperCase() + " " + path.getKey());
            }
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(KNOWN.size());
    }

    @Test
    void spellingsOfAPathDoNotGetPastTheKeyCheck() {
        for (String path : List.of("/api/subscriptions/", "//api/subscriptions", "/api//subscriptions", "/api/./subscriptions",
                "/api/x/../subscriptions", "/api/%73ubscriptions", "/api/subscriptions;x=1", "/api/keys?x=1", "/api",
                "/api/no-such-endpoint", "/api/unsubscribe/..%2Fsubscriptions", "/api/unsubscribe/%2e%2e/subscriptions",
                "/api/unsubscribe%2F..%2Fsubscriptions", "/api/unsubscribe/../subscriptions", "/api/unsubscribe/x")) {
            int status = given().urlEncodingEnabled(false).when().get(path).then().extract().statusCode();
            assertThat(status).as(path).isIn(401, 404, 400);
        }
    }

    @Test
    void aWebhookSecretIsShownOnceAndNeverAgain() {
        String key = newKey("secrets");
        Response created = given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body(Map.of("query", "Ukraine", "channels", List.of(Map.of("type", "webhook", "url", "http://127.0.0.1:9/s"))))
                .when().post("/api/subscriptions");
        assertThat(created.statusCode()).isEqualTo(201);
        String secret = created.path("channels[0].secret");
        String id = created.path("id");
        assertThat(secret).startsWith("whsec_");
        List<String> answers = new ArrayList<>();
        answers.add(asKey(key).get("/api/subscriptions/" + id).then().statusCode(200).extract().asString());
        answers.add(asKey(key).get("/api/subscriptions").then().statusCode(200).extract().asString());
        answers.add(given().header("Authorization", ADMIN).get("/api/subscriptions").then().statusCode(200).extract().asString());
        // PUT with the same webhook keeps its secret and does not show it again
        answers.add(asKey(key).contentType(ContentType.JSON)
                .body(Map.of("query", "Ukraine OR Russland", "channels", List.of(Map.of("type", "webhook", "url", "http://127.0.0.1:9/s"))))
                .put("/api/subscriptions/" + id).then().statusCode(200).extract().asString());
        // what a GET returned can be PUT back as it is (the fields the server sets are accepted there)
        String roundTrip = asKey(key).get("/api/subscriptions/" + id).then().statusCode(200).extract().asString();
        answers.add(asKey(key).contentType(ContentType.JSON).body(roundTrip).put("/api/subscriptions/" + id)
                .then().statusCode(200).extract().asString());
        answers.add(asKey(key).get("/api/subscriptions/" + id + "/matches").then().statusCode(200).extract().asString());
        answers.add(asKey(key).get("/api/subscriptions/" + id + "/deliveries").then().statusCode(200).extract().asString());
        for (String answer : answers) {
            assertThat(answer).doesNotContain(secret).doesNotContain("whsec_").doesNotContain("\"secret\"");
        }
        // and the key's own secret is not listed either
        assertThat(given().header("Authorization", ADMIN).get("/api/keys").then().statusCode(200).extract().asString())
                .doesNotContain(key).doesNotContain("nak_");
    }

    @Test
    void keysAndSecretsDoNotReachTheLog() {
        List<String> logged = java.util.Collections.synchronizedList(new ArrayList<>());
        Handler capture = capture(logged);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        String key;
        String secret;
        String wrongKey = "nak_wrong-" + System.nanoTime();
        try {
            key = newKey("log-check");
            secret = asKey(key).contentType(ContentType.JSON)
                    .body(Map.of("query", "Ukraine", "channels", List.of(Map.of("type", "webhook", "url", "http://127.0.0.1:9/l"))))
                    .post("/api/subscriptions").then().statusCode(201).extract().path("channels[0].secret");
            asKey(key).contentType(ContentType.JSON).body("{\"query\": ").post("/api/subscriptions").then().statusCode(400);
            asKey(key).contentType(ContentType.JSON).body("{\"query\": \"(((\", \"channels\": []}").post("/api/subscriptions")
                    .then().statusCode(400);
            given().header("Authorization", "Bearer " + wrongKey).get("/api/subscriptions").then().statusCode(401);
            asKey(key).get("/api/no-such-thing").then().statusCode(404);
        } finally {
            root.removeHandler(capture);
        }
        assertThat(logged).as("log lines during the calls").noneMatch(l -> l.contains(key) || l.contains(secret)
                || l.contains(wrongKey) || l.contains("test-admin-key"));
    }

    @Test
    void anOversizeBodyIsRefusedWith413() {
        String huge = "{\"query\": \"Ukraine\", \"article\": {\"title\": \"t\", \"text\": \"" + "x".repeat(1_100_000) + "\"}}";
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(huge).when().post("/api/match")
                .then().statusCode(413);
        // just under the limit is read (and refused for what it says, cheaply: no query is that long)
        String fits = "{\"query\": \"" + "Ukraine ".repeat(120_000) + "\", \"channels\": []}";
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(fits).when().post("/api/subscriptions")
                .then().statusCode(400).body("error", containsString("at most"));
    }

    @Test
    void jsonWithUnknownOrWrongTypedFieldsIsA400ThatNamesTheField() {
        String sub = "/api/subscriptions";
        bad(sub, "{\"querry\": \"Ukraine\", \"channels\": [{\"type\": \"email\", \"address\": \"a@example.org\"}]}", "querry");
        bad(sub, "{\"query\": [\"Ukraine\"], \"channels\": []}", "query");
        bad(sub, "{\"query\": \"Ukraine\", \"channels\": \"email\"}", "channels");
        bad(sub, "{\"query\": \"Ukraine\", \"channels\": [{\"type\": \"email\", \"adress\": \"a@example.org\"}]}", "channels[0].adress");
        bad(sub, "{\"query\": \"Ukraine\", \"enabled\": \"yes\", \"channels\": []}", "enabled");
        bad(sub, "{\"query\": \"Ukraine\", \"languages\": {\"de\": true}, \"channels\": []}", "languages");
        bad(sub, "{\"query\": \"Ukraine\",", "not valid JSON");
        bad(sub, "[1, 2]", "body");
        bad(sub, "\"just a string\"", "body");
        bad("/api/match", "{\"query\": \"a\", \"article\": {\"title\": \"t\", \"topics\": " + "[".repeat(5000) + "]".repeat(5000)
                + "}}", "limits");
        bad("/api/match", "{\"query\": \"a\", \"article\": {\"title\": 1, \"body\": \"x\"}}", "article.body");
        bad("/api/match", "{\"query\": \"a\", \"article\": {\"title\": \"t\", \"entities\": [{\"text\": \"x\", \"start\": \"zehn\"}]}}",
                "article.entities[0].start");
        bad("/api/match", "{\"query\": \"a\", \"article\": {\"title\": \"t\", \"entities\": [{\"text\": \"x\", \"start\": 1e99}]}}",
                "article.entities[0].start");
        bad("/api/keys", "{\"name\": \"x\", \"admin\": true}", "admin");
        bad("/api/keys", "{\"name\": {\"first\": \"x\"}}", "name");
    }

    private static void bad(String path, String body, String mentions) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body).when().post(path)
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error", allOf(containsString(mentions), not(containsString("com.fasterxml")), not(containsString("io.newsalert"))));
    }

    private static io.restassured.specification.RequestSpecification asKey(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    static String newKey(String name) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("name", name))
                .when().post("/api/keys").then().statusCode(201).extract().path("key");
    }

    /** Every record at any level the loggers let through, with its parameters and stack trace. */
    private static Handler capture(List<String> into) {
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringBuilder line = new StringBuilder(record.getLoggerName() + " " + record.getLevel() + " ");
                line.append(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
                if (record.getParameters() != null) {
                    line.append(' ').append(Arrays.toString(record.getParameters()));
                }
                if (record.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append(' ').append(trace);
                }
                into.add(line.toString());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        handler.setLevel(Level.ALL);
        return handler;
    }
}
