package io.newsalert.alert.dispatch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real webhook receiver on loopback (the JDK's HTTP server). It checks every call's signature
 * the way the Standard Webhooks specification tells a receiver to — written here from the spec,
 * not with the production signer — and answers what the test plans: a status, a delay, a
 * Retry-After.
 */
final class WebhookReceiver implements AutoCloseable {

    record Received(String id, long timestamp, String body, boolean signatureValid, int answeredWith, Instant at) {}

    record Answer(int status, Duration delay, String retryAfter) {
        static Answer status(int status) {
            return new Answer(status, Duration.ZERO, null);
        }
    }

    private final String secret;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final java.util.Queue<Received> received = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile IntFunction<Answer> plan = n -> Answer.status(204);
    private volatile java.util.function.Function<String, Answer> planById;

    WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** What to answer the n-th call (1-based). */
    void answer(IntFunction<Answer> plan) {
        this.plan = plan;
    }

    /** What to answer a call with a given webhook-id (wins over {@link #answer}). */
    void answerById(java.util.function.Function<String, Answer> plan) {
        this.planById = plan;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> accepted() {
        return received.stream().filter(r -> r.answeredWith() >= 200 && r.answeredWith() < 300).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int n = calls.incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String ts = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String sig = exchange.getRequestHeaders().getFirst("webhook-signature");
        boolean valid = verify(id, ts, new String(body, StandardCharsets.UTF_8), sig);
        Answer answer = planById != null ? planById.apply(id) : plan.apply(n);
        try {
            Thread.sleep(answer.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        received.add(new Received(id, ts == null ? -1 : Long.parseLong(ts), new String(body, StandardCharsets.UTF_8), valid,
                answer.status(), Instant.now()));
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        byte[] reply = ("answer " + answer.status()).getBytes(StandardCharsets.UTF_8);
        try {
            if (answer.status() == 204) {
                exchange.sendResponseHeaders(204, -1); // no body
            } else {
                exchange.sendResponseHeaders(answer.status(), reply.length);
                exchange.getResponseBody().write(reply);
            }
        } catch (IOException clientGone) {
            // the sender timed out and hung up; it records the timeout itself
        } finally {
            exchange.close();
        }
    }

    /**
     * The receiver's check from the Standard Webhooks spec: the signed content is
     * "{msg_id}.{timestamp}.{payload}", the key is the base64 part of the secret after "whsec_", the
     * header holds space-separated "v1,<base64 HMAC-SHA256>" entries, and the timestamp must be
     * within five minutes of now.
     */
    boolean verify(String id, String timestamp, String payload, String header) {
        if (id == null || timestamp == null || header == null) {
            return false;
        }
        long ts = Long.parseLong(timestamp);
        if (Math.abs(Instant.now().getEpochSecond() - ts) > 300) {
            return false;
        }
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.split("_", 2)[1]), "HmacSHA256"));
            String expected = Base64.getEncoder().encodeToString(
                    hmac.doFinal((id + "." + timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
            for (String entry : header.split(" ")) {
                String[] parts = entry.split(",", 2);
                if (parts.length == 2 && parts[0].equals("v1")
                        && java.security.MessageDigest.isEqual(parts[1].getBytes(), expected.getBytes())) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
