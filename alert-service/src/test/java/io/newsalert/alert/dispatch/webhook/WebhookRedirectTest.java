package io.newsalert.alert.dispatch.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.newsalert.alert.dispatch.Notification;
import io.newsalert.alert.dispatch.SendResult;
import io.newsalert.alert.dispatch.retry.Verdict;
import io.newsalert.events.Channel;
import io.newsalert.events.Frequency;
import io.newsalert.events.Match;
import io.newsalert.events.SchemaVersion;
import io.newsalert.events.Subscription;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A webhook endpoint that passed the SSRF guard must not lead the sender on to another address: a
 * redirect is an answer (not delivered), never followed. Both servers are on loopback, which only
 * this test's guard allows for the first.
 */
class WebhookRedirectTest {

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        AtomicInteger internalHits = new AtomicInteger();
        HttpServer internal = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
        internal.createContext("/", ex -> {
            internalHits.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        internal.start();
        String internalUrl = "http://127.0.0.2:" + internal.getAddress().getPort() + "/latest/meta-data/";
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (int code : new int[] {301, 302, 303, 307, 308}) {
            hook.createContext("/" + code, ex -> {
                ex.getResponseHeaders().add("Location", internalUrl);
                ex.sendResponseHeaders(code, -1);
                ex.close();
            });
        }
        hook.start();
        try {
            WebhookTargetGuard guard = new WebhookTargetGuard(List.of("127.0.0.1/32"));
            WebhookSender sender = new WebhookSender(guard, Duration.ofSeconds(2), Duration.ofSeconds(5), Clock.systemUTC());
            for (int code : new int[] {301, 302, 303, 307, 308}) {
                Channel channel = Channel.webhook("http://127.0.0.1:" + hook.getAddress().getPort() + "/" + code,
                        WebhookSigner.newSecret());
                SendResult result = sender.send(channel, notification());
                assertThat(result.verdict()).as("answer " + code).isNotEqualTo(Verdict.DELIVERED);
                assertThat(result.status()).isEqualTo(code);
            }
            // and the internal address itself is refused by the guard
            SendResult direct = sender.send(Channel.webhook(internalUrl, WebhookSigner.newSecret()), notification());
            assertThat(direct.verdict()).isEqualTo(Verdict.PERMANENT);
            assertThat(internalHits).as("requests that reached the internal server").hasValue(0);
        } finally {
            hook.stop(0);
            internal.stop(0);
        }
    }

    private static Notification notification() {
        Subscription sub = new Subscription(SchemaVersion.CURRENT, "sub_redirect", "admin", "r", "Ukraine", List.of(),
                Frequency.immediate, null, List.of(), List.of(), true, Instant.now());
        Instant now = Instant.now();
        return Notification.alert(sub, new Match(SchemaVersion.CURRENT, sub.id(), "a1", 1, "t", "https://example.org/a1",
                "f", "de", "s", List.of(), List.of(), List.of(), now, now, now));
    }
}
