package io.newsalert.soak.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.newsalert.localrun.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The subscribers' webhook endpoints: several ports on loopback (each a separate endpoint for the
 * sender's per-endpoint lanes), every call checked against its subscription's secret and recorded.
 * The webhook-500 fault makes it answer 500 (nothing recorded: the alert was refused), then slow
 * (the answer, 204, after a delay; recorded when answered, as a subscriber would have processed it).
 */
public final class DeliveryRecorder implements AutoCloseable {

    public enum Mode { NORMAL, FAIL_500, SLOW }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "webhook-recorder");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Receipt> receipts = new ConcurrentLinkedQueue<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong badSignature = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private volatile Mode mode = Mode.NORMAL;
    private volatile long slowMillis = 10_000;

    public DeliveryRecorder(int endpoints) throws IOException {
        for (int i = 0; i < endpoints; i++) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
            server.setExecutor(executor);
            server.createContext("/", exchange -> {
                try (exchange) {
                    handle(exchange);
                }
            });
            server.start();
            servers.add(server);
        }
    }

    /** Where subscription number {@code n}'s webhook points: subscriptions are spread over the endpoints. */
    public URI url(int n) {
        HttpServer s = servers.get(Math.floorMod(n, servers.size()));
        return URI.create("http://127.0.0.1:" + s.getAddress().getPort() + "/hook/" + n);
    }

    public void secret(String subscriptionId, String secret) {
        secrets.put(subscriptionId, secret);
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    public void slowMillis(long millis) {
        this.slowMillis = millis;
    }

    private void handle(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Mode now = mode;
        if (now == Mode.FAIL_500) {
            refused.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            return;
        }
        if (now == Mode.SLOW) {
            try {
                Thread.sleep(slowMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
        }
        String webhookId = exchange.getRequestHeaders().getFirst("webhook-id");
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            unreadable.incrementAndGet();
            exchange.sendResponseHeaders(400, -1);
            return;
        }
        String type = json.path("type").asText();
        JsonNode data = json.path("data");
        String subscriptionId = data.path("subscription").path("id").asText(null);
        String secret = subscriptionId == null ? null : secrets.get(subscriptionId);
        boolean verified = secret != null && new WebhookSignature(secret).verify(webhookId,
                exchange.getRequestHeaders().getFirst("webhook-timestamp"), exchange.getRequestHeaders().getFirst("webhook-signature"),
                body, Instant.now()) == null;
        if (!verified) {
            badSignature.incrementAndGet();
        }
        Instant received = Instant.now();
        switch (type) {
            case "alert.match" -> receipts.add(receipt(subscriptionId, data, webhookId, false, verified, received));
            case "alert.digest" -> data.path("alerts").forEach(a -> receipts.add(receipt(subscriptionId, a, webhookId, true, verified, received)));
            default -> {
                // alert.test and anything newer: answered, not part of the ledger
            }
        }
        exchange.sendResponseHeaders(verified ? 204 : 401, -1);
    }

    private static Receipt receipt(String subscriptionId, JsonNode alert, String webhookId, boolean digest, boolean verified, Instant at) {
        return new Receipt(subscriptionId, alert.path("article").path("id").asText(null), alert.path("article").path("revision").asInt(0),
                alert.path("deliveryId").asText(null), webhookId, digest, verified, at);
    }

    public List<Receipt> receipts() {
        return List.copyOf(receipts);
    }

    public int receiptCount() {
        return receipts.size();
    }

    public long calls() {
        return calls.get();
    }

    public long refused() {
        return refused.get();
    }

    public long badSignatures() {
        return badSignature.get();
    }

    public long unreadable() {
        return unreadable.get();
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
        executor.shutdownNow();
    }
}
