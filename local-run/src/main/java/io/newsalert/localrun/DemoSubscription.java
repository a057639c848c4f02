package io.newsalert.localrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Registers the local run's demo subscription ({@code Truppenabzug}, webhook to the local receiver)
 * through alert-service's API, once: a later run finds it by name and keeps it when the receiver
 * still has its secret (which the API shows only when the subscription is created), else replaces it.
 *
 * <p>{@code java -cp … io.newsalert.localrun.DemoSubscription --alert http://localhost:8083 --key KEY
 * --webhook http://127.0.0.1:8090/webhook --secrets-file .local-run/webhook-secrets}
 */
public final class DemoSubscription {

    public static final String NAME = "Truppenabzug (local demo)";
    public static final String QUERY = "Truppenabzug";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was done, for the script to print. */
    public record Outcome(String id, boolean created) {}

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI alert;
    private final String key;

    public DemoSubscription(URI alert, String key) {
        this.alert = alert;
        this.key = key;
    }

    public Outcome ensure(String webhookUrl, Path secretsFile) throws IOException, InterruptedException {
        List<JsonNode> existing = new ArrayList<>();
        for (JsonNode s : list()) {
            if (NAME.equals(s.path("name").asText())) {
                existing.add(s);
            }
        }
        boolean haveSecret = !Main.readSecrets(secretsFile).isEmpty();
        if (existing.size() == 1 && haveSecret && webhookUrl.equals(webhookUrlOf(existing.get(0)))) {
            return new Outcome(existing.get(0).path("id").asText(), false);
        }
        for (JsonNode stale : existing) {
            delete(stale.path("id").asText());
        }
        JsonNode created = create(webhookUrl);
        String secret = null;
        for (JsonNode channel : created.path("channels")) {
            if ("webhook".equals(channel.path("type").asText())) {
                secret = channel.path("secret").asText(null);
            }
        }
        if (secret == null || !secret.startsWith("whsec_")) {
            throw new IOException("alert-service created subscription " + created.path("id").asText()
                    + " but its answer carries no webhook secret (whsec_…): " + created);
        }
        Files.createDirectories(secretsFile.toAbsolutePath().getParent());
        Files.writeString(secretsFile, "# secret of " + NAME + " " + created.path("id").asText() + "\n" + secret + "\n");
        return new Outcome(created.path("id").asText(), true);
    }

    private List<JsonNode> list() throws IOException, InterruptedException {
        JsonNode body = send(HttpRequest.newBuilder(alert.resolve("/api/subscriptions")).GET(), 200);
        // A list, or a page object holding one.
        JsonNode items = body.isArray() ? body : body.path("subscriptions").isArray() ? body.path("subscriptions") : body.path("items");
        List<JsonNode> all = new ArrayList<>();
        items.forEach(all::add);
        return all;
    }

    private JsonNode create(String webhookUrl) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of(
                "name", NAME,
                "query", QUERY,
                "frequency", "immediate",
                "channels", List.of(Map.of("type", "webhook", "url", webhookUrl))));
        return send(HttpRequest.newBuilder(alert.resolve("/api/subscriptions")).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 201);
    }

    private void delete(String id) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(alert.resolve("/api/subscriptions/" + id)).DELETE(), 204, 200);
    }

    private JsonNode send(HttpRequest.Builder request, int... expected) throws IOException, InterruptedException {
        HttpRequest r = request.header("authorization", "Bearer " + key).header("accept", "application/json")
                .timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
        for (int ok : expected) {
            if (response.statusCode() == ok) {
                return response.body() == null || response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            }
        }
        throw new IOException(r.method() + " " + r.uri() + " answered " + response.statusCode() + ": " + response.body());
    }

    private static String webhookUrlOf(JsonNode subscription) {
        for (JsonNode channel : subscription.path("channels")) {
            if ("webhook".equals(channel.path("type").asText())) {
                return channel.path("url").asText();
            }
        }
        return null;
    }

    public static void main(String[] args) throws InterruptedException {
        String alert = "http://localhost:8083";
        String key = System.getenv("NEWSALERT_ADMIN_KEY");
        String webhook = "http://127.0.0.1:8090/webhook";
        Path secrets = Path.of(".local-run", "webhook-secrets");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--alert" -> alert = args[i + 1];
                case "--key" -> key = args[i + 1];
                case "--webhook" -> webhook = args[i + 1];
                case "--secrets-file" -> secrets = Path.of(args[i + 1]);
                default -> {
                    System.err.println("unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (key == null || key.isBlank()) {
            System.err.println("no admin key: pass --key or set NEWSALERT_ADMIN_KEY");
            System.exit(2);
        }
        try {
            Outcome outcome = new DemoSubscription(URI.create(alert), key).ensure(webhook, secrets);
            System.out.println((outcome.created() ? "registered" : "kept from an earlier run:") + " subscription " + outcome.id()
                    + " \"" + QUERY + "\" -> webhook " + webhook);
        } catch (IOException e) {
            System.err.println("cannot register the demo subscription: " + e.getMessage());
            System.exit(1);
        }
    }
}
