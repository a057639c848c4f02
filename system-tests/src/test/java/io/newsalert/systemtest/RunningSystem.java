package io.newsalert.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsalert.localrun.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The three packaged services as separate processes on a given broker, with the seed feed on a real
 * HTTP server and a webhook receiver that checks signatures independently of the sender's code:
 * the scenario the user runs, for any broker (the in-JVM one, or the official Kafka image).
 */
final class RunningSystem implements AutoCloseable {

    static final String SEED_TITLE = "Ukraine-Konflikt: Rätselraten um russische Truppen";
    static final String SEED_LINK = "https://www.tagesschau.de/ausland/europa/ukraine-russland-truppen-abzug-101.html";
    /** How long the first alert may take: three JVMs just started, on two shared cores. */
    static final Duration ALERT_WITHIN = Duration.ofSeconds(90);

    final String adminKey = "system-test-" + UUID.randomUUID();
    final Api api = new Api(adminKey);
    final List<WebhookReceiver.Delivery> deliveries = new CopyOnWriteArrayList<>();
    final List<ServiceProcess> services = new ArrayList<>();
    final FeedServer feed;
    final WebhookReceiver receiver;
    final ServiceProcess ingest;
    final ServiceProcess enrich;
    final ServiceProcess alert;
    private final AtomicReference<String> webhookSecret = new AtomicReference<>();
    private JsonNode subscription;
    private WebhookReceiver.Delivery firstAlert;

    RunningSystem(String bootstrapServers) throws Exception {
        feed = new FeedServer("/feeds/seed-feed.xml");
        receiver = WebhookReceiver.start(0, () -> webhookSecret.get() == null ? List.of() : List.of(webhookSecret.get()), deliveries::add);
        Path runDir = Paths.build().resolve("system-run-" + System.currentTimeMillis());
        Map<String, String> env = new HashMap<>(SystemConfig.environment());
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("NEWSALERT_ADMIN_KEY", adminKey);
        try {
            ingest = start("ingest-service", env, SystemConfig.ingest(), runDir);
            enrich = start("enrich-service", env, SystemConfig.enrich(runDir), runDir);
            alert = start("alert-service", env, SystemConfig.alert(), runDir);
            for (ServiceProcess s : services) {
                s.awaitReady(Duration.ofSeconds(150));
            }
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    private ServiceProcess start(String service, Map<String, String> env, Map<String, String> props, Path runDir) {
        ServiceProcess p = ServiceProcess.start(service, Paths.freePort(), env, props, runDir);
        services.add(p);
        return p;
    }

    /** The user's two steps: subscribe to "Truppenabzug" with a webhook, then add the feed. */
    JsonNode subscribeAndAddTheFeed() throws Exception {
        Api.Answer subscribed = api.post(alert.uri("/api/subscriptions"), Map.of(
                "name", "Truppenabzug",
                "query", "Truppenabzug",
                "frequency", "immediate",
                "channels", List.of(Map.of("type", "webhook", "url", receiver.url().toString()))));
        assertThat(subscribed.status()).as("POST /api/subscriptions: %s", subscribed.body()).isEqualTo(201);
        subscription = subscribed.json();
        String secret = webhookSecret(subscription);
        assertThat(secret).as("the webhook channel's secret in the answer %s", subscribed.body()).startsWith("whsec_");
        webhookSecret.set(secret);

        Api.Answer registered = api.post(ingest.uri("/api/feeds"), Map.of(
                "url", feed.url().toString(),
                "title", "Seed sample (system test)",
                "pollIntervalSeconds", SystemConfig.POLL_SECONDS,
                "languageHint", "de",
                "enabled", true));
        assertThat(registered.status()).as("POST /api/feeds: %s", registered.body()).isIn(200, 201);
        return subscription;
    }

    JsonNode subscription() {
        return subscription;
    }

    /** The first webhook call, waited for once; failing, it shows every service's log. */
    synchronized WebhookReceiver.Delivery firstAlert() {
        if (firstAlert == null) {
            assertThat(subscription).as("subscribeAndAddTheFeed() ran and succeeded").isNotNull();
            try {
                await("the Truppenabzug alert for the seed article").atMost(ALERT_WITHIN).pollInterval(Duration.ofMillis(200))
                        .until(() -> !deliveries.isEmpty() || services.stream().anyMatch(s -> !s.isAlive()));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("no webhook within " + ALERT_WITHIN.toSeconds() + " s; the feed was polled " + feed.requests()
                        + " times. Service logs:" + logs(), e);
            }
            for (ServiceProcess s : services) {
                assertThat(s.isAlive()).as("%s died; its log ends:%n%s", s.name, s.logTail()).isTrue();
            }
            firstAlert = deliveries.get(0);
            try {
                // For a person reading a failed run: what the subscriber got.
                java.nio.file.Files.writeString(Paths.build().resolve("first-alert.json"), firstAlert.body());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return firstAlert;
    }

    String logs() {
        StringBuilder logs = new StringBuilder();
        services.forEach(s -> logs.append("\n--- ").append(s.name).append(" (").append(s.log).append(")\n").append(s.logTail()));
        return logs.toString();
    }

    /** Every service's /q/metrics, merged: sample name → label names. */
    Map<String, Set<String>> exportedMetrics() throws Exception {
        Map<String, Set<String>> exported = new HashMap<>();
        for (ServiceProcess s : services) {
            Api.Answer metrics = api.getWithoutKey(s.uri("/q/metrics"));
            assertThat(metrics.status()).as("%s /q/metrics", s.name).isEqualTo(200);
            PrometheusText.parse(metrics.body()).forEach((name, labels) -> exported.computeIfAbsent(name, k -> new TreeSet<>()).addAll(labels));
        }
        return exported;
    }

    static String webhookSecret(JsonNode subscription) {
        for (JsonNode channel : subscription.path("channels")) {
            if ("webhook".equals(channel.path("type").asText())) {
                return channel.path("secret").asText(null);
            }
        }
        return subscription.path("secret").asText(null);
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess s : services) {
            s.close();
        }
        receiver.close();
        feed.close();
    }
}
