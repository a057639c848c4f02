package io.newsalert.systemtest;

import java.nio.file.Path;
import java.util.Map;

/**
 * The settings the system tests run the services with, beyond the documented variables
 * (KAFKA_BOOTSTRAP_SERVERS, QUARKUS_HTTP_PORT, NEWSALERT_ADMIN_KEY): no internet feeds, webhooks
 * allowed on loopback, Kafka Streams state inside target/.
 */
final class SystemConfig {

    /** The test feed's poll interval; short so that re-polling is seen within the test. */
    static final int POLL_SECONDS = 2;

    private SystemConfig() {}

    /** For every service. */
    static Map<String, String> environment() {
        return Map.of(
                // The receiver runs on loopback, which the SSRF guard refuses unless allowed
                // (alert-service's newsalert.delivery.ssrf.allow).
                "NEWSALERT_DELIVERY_SSRF_ALLOW", "localhost,127.0.0.0/8,::1");
    }

    static Map<String, String> ingest() {
        return Map.of(
                // Tests never reach the internet: no real default feeds ...
                "newsalert.ingest.offline", "true",
                // ... and not the bundled sample either: it holds the seed article too, and polled at
                // start-up it would bring the article in before the test has subscribed.
                "newsalert.ingest.default-feeds.sample.enabled", "false",
                // Let the test feed be polled every POLL_SECONDS, without jitter.
                "newsalert.ingest.poll.min-interval", "1s",
                "newsalert.ingest.poll.jitter", "0");
    }

    static Map<String, String> enrich(Path runDir) {
        return Map.of("kafka-streams.state.dir", runDir.resolve("kafka-streams").toString());
    }

    static Map<String, String> alert() {
        return Map.of();
    }
}
