package io.newsalert.enrich.api;

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
 * enrich-service's guards from outside: every endpoint in the OpenAPI document needs the admin key
 * (so that a new endpoint cannot slip through), bodies are size-limited, and a body that is not the
 * expected JSON is a 400 that names the field.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class ApiSecurityTest {

    static final String ADMIN = "Bearer test-admin-key";
    static final Set<String> KNOWN = Set.of("/api/enrich", "/api/entities/trending");

    @Test
    void everyEndpointInTheOpenApiDocumentRefusesACallWithoutTheKey() {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        assertThat(paths.keySet()).containsAll(KNOWN);
        List<String> checked = new ArrayList<>();
        for (var path : paths.entrySet()) {
            assertThat(path.getKey()).as("every endpoint lives under /api/").startsWith("/api/");
            for (String method : path.getValue().keySet()) {
                for (String authorization : new String[] {null, "Bearer not-the-key", "Basic dGVzdDp0ZXN0", "Bearer ",
                        "Bearer test-admin-key-but-longer", "test-admin-key"}) {
                    var request = given().contentType(ContentType.JSON).body("{\"text\": \"Berlin\"}");
                    if (authorization != null) {
                        request.header("Authorization", authorization);
                    }
                    Response answer = request.when().request(method.toUpperCase(), path.getKey());
                    assertThat(answer.statusCode()).as(method + " " + path.getKey() + " with " + authorization).isEqualTo(401);
                }
                checked.add(method.toUpperCase() + " " + path.getKey());
            }
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(KNOWN.size());
        for (String path : List.of("//api/enrich", "/api/./enrich", "/api/%65nrich", "/api/no-such-endpoint", "/api")) {
            int status = given().urlEncodingEnabled(false).contentType(ContentType.JSON).body("{\"text\": \"x\"}")
                    .when().post(path).then().extract().statusCode();
            assertThat(status).as(path).isIn(401, 404, 400);
        }
    }

    @Test
    void anOversizeBodyIsRefusedWith413() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"text\": \"" + "Berlin ".repeat(320_000) + "\"}")
                .when().post("/api/enrich").then().statusCode(413);
        // under the body limit but over what is analysed: refused by the resource, with the figures
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"text\": \"" + "Berlin ".repeat(40_000) + "\"}")
                .when().post("/api/enrich").then().statusCode(400).body("error", containsString("200000"));
    }

    @Test
    void jsonWithUnknownOrWrongTypedFieldsIsA400ThatNamesTheField() {
        bad("{\"text\": \"Angela Merkel in Berlin\", \"lang\": \"de\"}", "lang");
        bad("{\"text\": [\"Angela Merkel\"]}", "text");
        bad("{\"text\": {\"de\": \"Berlin\"}}", "text");
        bad("{\"text\": \"Berlin\", \"language\": 7.5e400}", "language");
        bad("{\"text\": \"Berlin\",", "not valid JSON");
        bad("[\"Berlin\"]", "body");
        bad("{\"text\": " + "[".repeat(3000) + "]".repeat(3000) + "}", "text");
        // a query parameter that does not convert: JAX-RS says 404; a client error in any case, never a 500
        assertThat(given().header("Authorization", ADMIN).queryParam("limit", "viele").when().get("/api/entities/trending")
                .then().extract().statusCode()).isIn(400, 404);
    }

    private static void bad(String body, String mentions) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body).when().post("/api/enrich")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error", allOf(containsString(mentions), not(containsString("com.fasterxml")), not(containsString("io.newsalert"))));
    }
}
