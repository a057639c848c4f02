package io.newsalert.alert.dispatch.webhook;

import io.newsalert.alert.dispatch.ChannelSender;
import io.newsalert.alert.dispatch.Notification;
import io.newsalert.alert.dispatch.SendResult;
import io.newsalert.alert.dispatch.retry.RetryPolicy;
import io.newsalert.alert.dispatch.retry.Verdict;
import io.newsalert.events.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * POSTs a signed JSON body to a webhook URL and says what the answer means. Redirects are not
 * followed (a redirect could lead past the SSRF guard); the guard is asked again before every send.
 */
public final class WebhookSender implements ChannelSender {

    private static final int BODY_PREVIEW = 1024;

    private final HttpClient http;
    private final Duration timeout;
    private final WebhookTargetGuard guard;
    private final Clock clock;

    public WebhookSender(WebhookTargetGuard guard, Duration connectTimeout, Duration timeout, Clock clock) {
        this.guard = guard;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String endpointOf(Channel channel) {
        try {
            URI uri = URI.create(channel.url());
            return "webhook " + uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            return "webhook " + channel.url();
        }
    }

    @Override
    public SendResult send(Channel channel, Notification notification) {
        try {
            guard.check(channel.url());
        } catch (WebhookTargetGuard.RefusedTarget e) {
            return SendResult.permanent(0, e.getMessage());
        } catch (UnknownHostException e) {
            return SendResult.retry(0, "cannot resolve webhook host: " + e.getMessage(), null);
        }
        Instant now = clock.instant();
        byte[] body = WebhookPayloads.body(notification, now);
        long timestamp = now.getEpochSecond();
        String signature;
        try {
            signature = WebhookSigner.sign(channel.secret(), notification.id(), timestamp, body);
        } catch (IllegalArgumentException e) {
            return SendResult.permanent(0, e.getMessage());
        }
        URI target = URI.create(channel.url());
        HttpRequest request = HttpRequest.newBuilder(target)
                // Plain http: skip the h2c upgrade dance that almost no webhook receiver speaks;
                // https negotiates HTTP/2 by ALPN where the receiver offers it.
                .version("http".equalsIgnoreCase(target.getScheme()) ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .timeout(timeout)
                .header("content-type", "application/json")
                .header("user-agent", "newsalert-webhooks/1")
                .header("webhook-id", notification.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String answer = preview(response.body());
            int status = response.statusCode();
            Verdict verdict = RetryPolicy.classify(status);
            return switch (verdict) {
                case DELIVERED -> SendResult.delivered(status, answer);
                case RETRY -> new SendResult(Verdict.RETRY, status, "endpoint answered " + status, RetryPolicy
                        .parseRetryAfter(response.headers().firstValue("retry-after").orElse(null), clock.instant())
                        .orElse(null), answer);
                case PERMANENT -> new SendResult(Verdict.PERMANENT, status, "endpoint answered " + status
                        + " (a 4xx other than 408/429 is not retried)", null, answer);
            };
        } catch (HttpTimeoutException e) {
            return SendResult.retry(0, "timed out after " + timeout.toMillis() + " ms", null);
        } catch (IOException e) {
            return SendResult.retry(0, "connection failed: " + e, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.retry(0, "interrupted while sending (shutting down)", null);
        }
    }

    private static String preview(InputStream in) throws IOException {
        try (in) {
            byte[] start = in.readNBytes(BODY_PREVIEW);
            // Drain the rest so the connection can be reused, without holding it in memory.
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return new String(start, StandardCharsets.UTF_8);
        }
    }
}
