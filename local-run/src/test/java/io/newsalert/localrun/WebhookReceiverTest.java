package io.newsalert.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookReceiverTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String BODY = """
            {"type": "alert.match", "timestamp": "2026-11-28T05:00:00Z", "data": {
             "subscription": {"id": "s1", "name": "Truppenabzug"},
             "article": {"id": "981597b431742589", "title": "Ukraine-Konflikt: Rätselraten um russische Truppen",
                         "link": "https://www.tagesschau.de/ausland/europa/ukraine-russland-truppen-abzug-101.html",
                         "entities": [{"type": "PER", "canonical": "Antony Blinken"}, {"type": "ORG", "canonical": "NATO"}]},
             "spans": [{"field": "text", "start": 10, "end": 15, "term": "Abzug"}, {"field": "text", "start": 30, "end": 37, "term": "Truppen"}],
             "snippet": "keine Anzeichen für einen [Abzug] russischer [Truppen]"}}
            """;

    private final List<WebhookReceiver.Delivery> received = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = WebhookReceiver.start(0, () -> List.of(SECRET), received::add);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void acceptsASignedAlertAndHandsItOn() throws Exception {
        HttpResponse<String> response = post("msg_1", now(), sign("msg_1", now(), BODY), BODY);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(received).singleElement().satisfies(d -> {
            assertThat(d.verified()).isTrue();
            assertThat(d.id()).isEqualTo("msg_1");
            assertThat(d.body()).isEqualTo(BODY);
        });
    }

    @Test
    void refusesAForgedAlertWith401ButStillShowsIt() throws Exception {
        String forged = BODY.replace("Truppenabzug", "Anything");
        HttpResponse<String> response = post("msg_2", now(), sign("msg_2", now(), BODY), forged);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(received).singleElement().satisfies(d -> {
            assertThat(d.verified()).isFalse();
            assertThat(AlertPrinter.describe(d)).startsWith("REJECTED webhook msg_2: no v1 signature");
        });
    }

    @Test
    void refusesEverythingWhileItKnowsNoSecret() throws Exception {
        receiver.close();
        receiver = WebhookReceiver.start(0, List::of, received::add);

        assertThat(post("msg_3", now(), sign("msg_3", now(), BODY), BODY).statusCode()).isEqualTo(401);
        assertThat(received).singleElement().extracting(WebhookReceiver.Delivery::rejection).asString().contains("no webhook secret");
    }

    @Test
    void answersOtherMethodsWith405() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(receiver.url()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(received).isEmpty();
    }

    @Test
    void printsTheAlertAsAPersonReadsIt() throws Exception {
        post("msg_4", now(), sign("msg_4", now(), BODY), BODY);

        assertThat(AlertPrinter.describe(received.get(0)))
                .contains("ALERT msg_4 for subscription Truppenabzug")
                .contains("Ukraine-Konflikt: Rätselraten um russische Truppen")
                .contains("https://www.tagesschau.de/ausland/europa/ukraine-russland-truppen-abzug-101.html")
                .contains("matched: Abzug, Truppen")
                .contains("[Abzug] russischer [Truppen]")
                .contains("entities: Antony Blinken, NATO");
    }

    @Test
    void printsEveryAlertOfADigest() {
        String digest = """
                {"type": "alert.digest", "data": {"subscription": {"id": "s1", "name": "Ukraine"}, "alerts": [
                  {"article": {"title": "Erste Meldung", "link": "https://example.org/1"}, "snippet": "eins"},
                  {"article": {"title": "Zweite Meldung", "link": "https://example.org/2"}, "snippet": "zwei"}]}}
                """;
        WebhookReceiver.Delivery d = new WebhookReceiver.Delivery("msg_d", now(), "v1,x", digest, null, Instant.now());
        assertThat(AlertPrinter.describe(d)).startsWith("DIGEST msg_d for subscription Ukraine")
                .contains("Erste Meldung").contains("https://example.org/2");
    }

    @Test
    void printsABodyItDoesNotUnderstandRatherThanNothing() {
        WebhookReceiver.Delivery odd = new WebhookReceiver.Delivery("msg_5", now(), "v1,x", "{\"type\":\"test\"}", null, Instant.now());
        assertThat(AlertPrinter.describe(odd)).contains("msg_5").contains("{\"type\":\"test\"}");
    }

    private HttpResponse<String> post(String id, String timestamp, String signature, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(receiver.url())
                .header("content-type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String now() {
        return String.valueOf(Instant.now().getEpochSecond());
    }

    private static String sign(String id, String timestamp, String body) {
        return new WebhookSignature(SECRET).sign(id, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }
}
