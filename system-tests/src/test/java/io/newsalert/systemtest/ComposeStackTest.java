package io.newsalert.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * docker-compose.yml brought up whole with Testcontainers: the bundled sample feed's seed article
 * reaches a {@code Truppenabzug} subscriber as a signed webhook at the demo receiver (which checks the
 * signature and prints the alert) and as an e-mail in the SMTP catcher; Prometheus scrapes all three
 * services, Grafana serves the provisioned dashboard, and every metric the dashboard queries is
 * exported. Skipped where no Docker engine is.
 */
class ComposeStackTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, Integer> PORTS = Map.of("ingest-service", 8081, "enrich-service", 8082, "alert-service", 8083,
            "mailpit", 8025, "prometheus", 9090, "grafana", 3000);

    @Test
    void theSeedArticleAlertsByEmailAndGrafanaShowsTheDashboard() throws Exception {
        Docker.assumeEngine("ComposeStackTest (docker-compose.yml)");
        String key = "compose-test-" + UUID.randomUUID();
        String project = "newsalert-test-" + UUID.randomUUID().toString().substring(0, 8);
        // Two steps on one Compose project: matching happens as articles arrive, so the subscription
        // must exist before ingest-service polls the bundled sample feed at its start.
        String secret = "whsec_" + Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        ComposeContainer compose = stack(project, key, secret, "kafka", "kafka-topics", "enrich-service", "alert-service", "mailpit",
                "webhook-receiver");
        ComposeContainer rest = stack(project, key, secret, "ingest-service", "prometheus", "grafana");
        try {
            compose.start();
            Api api = new Api(key);
            String address = "reader-" + UUID.randomUUID() + "@example.org";
            Api.Answer subscribed = api.post(uri(compose, "alert-service", "/api/subscriptions"), Map.of(
                    "name", "Truppenabzug", "query", "Truppenabzug", "frequency", "immediate",
                    "channels", List.of(Map.of("type", "email", "address", address),
                            Map.of("type", "webhook", "url", "http://webhook-receiver:8090/webhook", "secret", secret))));
            assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
            rest.start();

            // The seed article comes from ingest-service's bundled sample feed, a default feed.
            await("an e-mail to " + address + " in Mailpit").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> mailTo(compose, address) != null);
            JsonNode mail = mailTo(compose, address);
            assertThat(mail.path("Subject").asText()).containsAnyOf("Truppenabzug", RunningSystem.SEED_TITLE);
            await("the signed webhook at the demo receiver").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> receiverLog(compose).contains("ALERT msg_"));
            assertThat(receiverLog(compose)).contains(RunningSystem.SEED_TITLE).contains(RunningSystem.SEED_LINK).doesNotContain("REJECTED");

            await("Prometheus scraping all three services").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> upTargets(rest).containsAll(Set.of("ingest-service", "enrich-service", "alert-service")));

            HttpResponse<String> dashboard = HTTP.send(HttpRequest.newBuilder(uri(rest, "grafana", "/api/dashboards/uid/newsalert"))
                    .header("authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(dashboard.statusCode()).as(dashboard.body()).isEqualTo(200);
            assertThat(Api.JSON.readTree(dashboard.body()).path("dashboard").path("title").asText()).isEqualTo("Newsalert");

            Map<String, Set<String>> exported = new HashMap<>();
            for (String service : List.of("ingest-service", "enrich-service", "alert-service")) {
                PrometheusText.parse(api.getWithoutKey(uri("ingest-service".equals(service) ? rest : compose, service, "/q/metrics")).body()).forEach(
                        (name, labels) -> exported.computeIfAbsent(name, k -> new TreeSet<>()).addAll(labels));
            }
            Set<String> missing = new TreeSet<>(new Dashboard().metricNames());
            missing.removeAll(exported.keySet());
            assertThat(missing).as("dashboard metrics the compose services do not export").isEmpty();
        } finally {
            rest.stop();
            compose.stop();
        }
    }

    private static String receiverLog(ComposeContainer compose) {
        return compose.getContainerByServiceName("webhook-receiver").orElseThrow().getLogs();
    }

    private static ComposeContainer stack(String project, String key, String webhookSecret, String... services) {
        ComposeContainer c = new ComposeContainer(project, Paths.root().resolve("docker-compose.yml").toFile())
                .withEnv("NEWSALERT_ADMIN_KEY", key)
                .withEnv("NEWSALERT_DEMO_WEBHOOK_SECRET", webhookSecret)
                .withEnv("NEWSALERT_DELIVERY_SSRF_ALLOW", "webhook-receiver")
                .withBuild(true)
                .withServices(services)
                .withStartupTimeout(Duration.ofMinutes(15));
        for (String service : services) {
            if (PORTS.containsKey(service)) {
                c.withExposedService(service, PORTS.get(service), Wait.forHealthcheck());
            }
        }
        return c;
    }

    /** A service's published address, from the step that started it. */
    private static URI uri(ComposeContainer compose, String service, String path) {
        int port = PORTS.get(service);
        return URI.create("http://" + compose.getServiceHost(service, port) + ":" + compose.getServicePort(service, port) + path);
    }

    private static JsonNode mailTo(ComposeContainer compose, String address) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(compose, "mailpit", "/api/v1/messages")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode m : Api.JSON.readTree(r.body()).path("messages")) {
            for (JsonNode to : m.path("To")) {
                if (address.equalsIgnoreCase(to.path("Address").asText())) {
                    return m;
                }
            }
        }
        return null;
    }

    private static Set<String> upTargets(ComposeContainer compose) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(compose, "prometheus", "/api/v1/targets")).build(),
                HttpResponse.BodyHandlers.ofString());
        Set<String> up = new TreeSet<>();
        for (JsonNode t : Api.JSON.readTree(r.body()).path("data").path("activeTargets")) {
            if ("up".equals(t.path("health").asText())) {
                up.add(t.path("labels").path("job").asText());
            }
        }
        return up;
    }
}
