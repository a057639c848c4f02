package io.newsalert.alert.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.events.EventSerdes;
import io.newsalert.events.Frequency;
import io.newsalert.events.Match;
import io.newsalert.events.Subscription;
import io.newsalert.localkafka.LocalKafkaExtension;
import io.newsalert.localkafka.SharedBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Latency from a match record produced to {@code alerts.matches} to its webhook received (signature
 * checked) by a real HTTP receiver on loopback, at 100 and at 1,000 alerts per second. Not a test:
 * run with {@code ./mvnw -B -o -pl alert-service -Pbench test -Dtest=DeliveryLatencyBench}; it prints
 * lines starting with {@code BENCH}: p50/p90/p99/max.
 *
 * <p>Set-up: 100 immediate subscriptions over 10 receivers (10 endpoints, each with its own lane),
 * the in-JVM broker, everything in one JVM on the same machine (so the figures include the
 * broker's and the receiver's CPU). The per-subscriber rate limit is lifted, or the test would
 * measure digests.
 */
@ExtendWith(LocalKafkaExtension.class)
class DeliveryLatencyBench {

    private static final int SUBSCRIPTIONS = 100;
    private static final int RECEIVERS = 10;

    @Test
    void latencyAt100And1000AlertsPerSecond() throws Exception {
        // -Dbench.rates=10,100 to choose other rates
        for (String r : System.getProperty("bench.rates", "100,1000").split(",")) {
            int rate = Integer.parseInt(r.trim());
            run(rate, Duration.ofSeconds(3), Duration.ofSeconds(15));
        }
    }

    private void run(int perSecond, Duration warmUp, Duration measured) throws Exception {
        List<WebhookReceiver> receivers = new ArrayList<>();
        try (DispatchHarness harness = new DispatchHarness();
                KafkaProducer<String, Match> producer = new KafkaProducer<>(Map.of(
                        "bootstrap.servers", SharedBroker.get().bootstrapServers(), "linger.ms", 1, "acks", "all"),
                        new StringSerializer(), new EventSerdes.MatchSerde())) {
            harness.rateLimitMax = Integer.MAX_VALUE;
            harness.webhookTimeout = Duration.ofSeconds(10);
            String secret = DispatchHarness.secret();
            List<Subscription> subs = new ArrayList<>();
            for (int r = 0; r < RECEIVERS; r++) {
                receivers.add(new WebhookReceiver(secret));
            }
            for (int i = 0; i < SUBSCRIPTIONS; i++) {
                subs.add(harness.webhookSubscription("bench" + i, receivers.get(i % RECEIVERS).url(), secret,
                        Frequency.immediate, null));
            }
            harness.start();
            Thread.sleep(5_000); // let the consumer join its group before the clock starts

            Map<String, Instant> sentAt = new ConcurrentHashMap<>();
            long total = perSecond * (warmUp.toSeconds() + measured.toSeconds());
            long warmUpCount = perSecond * warmUp.toSeconds();
            long intervalNanos = 1_000_000_000L / perSecond;
            long start = System.nanoTime();
            for (long n = 0; n < total; n++) {
                long due = start + n * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                Match m = DispatchHarness.match(subs.get((int) (n % SUBSCRIPTIONS)), "bench-" + perSecond + "-" + n, 1);
                if (n >= warmUpCount) {
                    sentAt.put(m.deliveryId(), Instant.now());
                }
                producer.send(new ProducerRecord<>(harness.matches, m.subscriptionId(), m));
            }
            double achieved = total / ((System.nanoTime() - start) / 1e9);
            long deadline = System.currentTimeMillis() + 120_000;
            while (receivers.stream().mapToInt(r -> r.accepted().size()).sum() < total && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            List<Long> micros = new ArrayList<>();
            int invalid = 0;
            for (WebhookReceiver r : receivers) {
                for (WebhookReceiver.Received got : r.accepted()) {
                    invalid += got.signatureValid() ? 0 : 1;
                    Instant sent = sentAt.get(got.id());
                    if (sent != null) {
                        micros.add(Duration.between(sent, got.at()).toNanos() / 1_000);
                    }
                }
            }
            Collections.sort(micros);
            int received = receivers.stream().mapToInt(r -> r.accepted().size()).sum();
            System.out.printf("%nBENCH delivery latency, match produced -> webhook received on loopback%n"
                            + "BENCH rate %d/s (achieved %.0f/s), %d alerts measured after %d s warm-up, %d of %d received, %d bad signatures%n"
                            + "BENCH p50 %.1f ms   p90 %.1f ms   p99 %.1f ms   max %.1f ms%n%n",
                    perSecond, achieved, micros.size(), warmUp.toSeconds(), received, total, invalid,
                    pct(micros, 0.50), pct(micros, 0.90), pct(micros, 0.99), micros.isEmpty() ? 0 : micros.get(micros.size() - 1) / 1000.0);
            assertThat(received).as("every alert arrived").isEqualTo(total);
            assertThat(invalid).isZero();
        } finally {
            receivers.forEach(WebhookReceiver::close);
        }
    }

    private static double pct(List<Long> sortedMicros, double q) {
        if (sortedMicros.isEmpty()) {
            return 0;
        }
        int i = (int) Math.min(sortedMicros.size() - 1, Math.ceil(q * sortedMicros.size()) - 1);
        return sortedMicros.get(Math.max(0, i)) / 1000.0;
    }
}
