package io.newsalert.ingest.auth;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The feed registry's guards from outside: every endpoint in the OpenAPI document needs the admin
 * key (so that a new endpoint cannot slip through), bodies are size-limited, and a body that is not
 * the expected JSON is a 400 that names the field.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class ApiSecurityTest {

    static final String ADMIN = "Bearer test-admin-key";
    /** Paths that answer without a key, and why. */
    static final Set<String> PUBLIC = Set.of("/sample/seed-feed.xml"); // the bundled offline sample feed
    static final Set<String> KNOWN = Set.of("/api/feeds", "/api/feeds/{id}", "/api/feeds/import", "/api/feeds/preview");

    @Test
    void everyEndpointInTheOpenApiDocumentRefusesACallWithoutTheKey() {
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
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "sample");
            for (String method : path.getValue().keySet()) {
                for (String authorization : new String[] {null, "Bearer not-the-key", "Basic dGVzdDp0ZXN0", "Bearer ",
                        "Bearer test-admin-key-but-longer", "test-admin-key"}) {
                    var request = given().contentType(ContentType.JSON).body("{}");
                    if (authorization != null) {
                        request.header("Authorization", authorization);
                    }
                    Response answer = request.when().request(method.toUpperCase(), concrete);
                    assertThat(answer.statusCode()).as(method + " " + concrete + " with " + authorization).isEqualTo(401);
                }
                checked.add(method.toUpperCase() + " " + path.getKey());
            }
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void spellingsOfAPathDoNotGetPastTheKeyCheck() {
        for (String path : List.of("/api/feeds/", "//api/feeds", "/api//feeds", "/api/./feeds", "/api/x/../feeds",
                "/api/%66eeds", "/api/feeds;x=1", "/api", "/api/no-such-endpoint")) {
            int status = given().urlEncodingEnabled(false).when().get(path).then().extract().statusCode();
            assertThat(status).as(path).isIn(401, 404, 400);
        }
        given().when().get("/api/no-such-endpoint").then().statusCode(401);
    }

    @Test
    void anOversizeBodyIsRefusedWith413() {
        StringBuilder opml = new StringBuilder("<opml version=\"2.0\"><body>");
        while (opml.length() < 1_200_000) {
            opml.append("<outline text=\"x\" xmlUrl=\"https://example.org/").append(opml.length()).append(".xml\"/>");
        }
        opml.append("</body></opml>");
        given().header("Authorization", ADMIN).contentType("text/x-opml").body(opml.toString())
                .when().post("/api/feeds/import?enabled=false").then().statusCode(413);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"url\": \"https://example.org/" + "x".repeat(1_100_000) + "\"}")
                .when().post("/api/feeds").then().statusCode(413);
    }

    @Test
    void jsonWithUnknownOrWrongTypedFieldsIsA400ThatNamesTheField() {
        bad("/api/feeds", "{\"url\": \"https://example.org/a.xml\", \"pollIntervall\": 60}", "pollIntervall");
        bad("/api/feeds", "{\"url\": \"https://example.org/a.xml\", \"pollIntervalSeconds\": \"often\"}", "pollIntervalSeconds");
        bad("/api/feeds", "{\"url\": \"https://example.org/a.xml\", \"pollIntervalSeconds\": 1e99}", "pollIntervalSeconds");
        bad("/api/feeds", "{\"url\": \"https://example.org/a.xml\", \"labels\": \"news\"}", "labels");
        bad("/api/feeds", "{\"url\": [\"https://example.org/a.xml\"]}", "url");
        bad("/api/feeds", "{\"url\": ", "not valid JSON");
        bad("/api/feeds", "[]", "body");
        bad("/api/feeds/preview", "{\"url\": \"https://example.org/a.xml\", \"depth\": 2}", "depth");
        // what a GET returned can be PUT back as it is (a feed of its own, switched off: nothing is polled)
        String id = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("url", "https://example.org/round-trip-" + System.nanoTime() + ".xml", "enabled", false))
                .when().post("/api/feeds").then().statusCode(201).extract().path("id");
        String shown = given().header("Authorization", ADMIN).get("/api/feeds/" + id).then().statusCode(200).extract().asString();
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(shown).when().put("/api/feeds/" + id)
                .then().statusCode(200);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"enabled\": \"ja\"}")
                .when().put("/api/feeds/" + id).then().statusCode(400).body("error", containsString("enabled"));
        given().header("Authorization", ADMIN).when().delete("/api/feeds/" + id).then().statusCode(204);
    }

    private static void bad(String path, String body, String mentions) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body).when().post(path)
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error", allOf(containsString(mentions), not(containsString("com.fasterxml")), not(containsString("io.newsalert"))));
    }
}
