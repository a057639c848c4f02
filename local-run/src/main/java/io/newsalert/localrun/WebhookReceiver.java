package io.newsalert.localrun;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A webhook endpoint on loopback that checks each call's Standard Webhooks signature and hands it
 * on. Authentic calls are answered 204; calls that fail the check are answered 401 and still handed
 * on (marked with the reason), so that a wrong secret shows up on the screen instead of vanishing.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** Bodies larger than this are refused; an alert is a few kilobytes. */
    static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    /**
     * One call as received.
     *
     * @param rejection why the signature check failed; null when the call is authentic
     */
    public record Delivery(String id, String timestamp, String signature, String body, String rejection, Instant received) {
        public boolean verified() {
            return rejection == null;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private WebhookReceiver(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param port 0 picks a free one
     * @param secrets the {@code whsec_…} secrets a call may be signed with, asked on every call so that
     *     a subscription registered after the start can be checked
     * @param onDelivery gets every POST, authentic or not
     */
    public static WebhookReceiver start(int port, Supplier<List<String>> secrets, Consumer<Delivery> onDelivery, Clock clock)
            throws IOException {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), secrets, onDelivery, clock);
    }

    /** @param address where to listen; loopback unless the receiver runs in a container of its own */
    public static WebhookReceiver start(InetSocketAddress address, Supplier<List<String>> secrets, Consumer<Delivery> onDelivery,
            Clock clock) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "webhook-receiver");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange, secrets, onDelivery, clock);
            }
        });
        server.start();
        return new WebhookReceiver(server, executor);
    }

    public static WebhookReceiver start(int port, Supplier<List<String>> secrets, Consumer<Delivery> onDelivery) throws IOException {
        return start(port, secrets, onDelivery, Clock.systemUTC());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Where a subscription's webhook channel should point. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port() + "/webhook");
    }

    private static void handle(HttpExchange exchange, Supplier<List<String>> secrets, Consumer<Delivery> onDelivery, Clock clock)
            throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().add("Allow", "POST");
            exchange.sendResponseHeaders(405, -1);
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            exchange.sendResponseHeaders(413, -1);
            return;
        }
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
        String rejection = check(secrets, id, timestamp, signature, body, clock.instant());
        Delivery delivery = new Delivery(id, timestamp, signature, new String(body, StandardCharsets.UTF_8), rejection, clock.instant());
        try {
            onDelivery.accept(delivery);
        } catch (RuntimeException e) {
            // The alert was not taken in: let the sender retry rather than lose it.
            exchange.sendResponseHeaders(500, -1);
            throw e;
        }
        exchange.sendResponseHeaders(rejection == null ? 204 : 401, -1);
    }

    private static String check(Supplier<List<String>> secrets, String id, String timestamp, String signature, byte[] body, Instant now) {
        List<String> known = secrets.get();
        if (known == null || known.isEmpty()) {
            return "the receiver knows no webhook secret yet";
        }
        String reason = null;
        for (String secret : known) {
            reason = new WebhookSignature(secret).verify(id, timestamp, signature, body, now);
            if (reason == null) {
                return null;
            }
        }
        return reason;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
