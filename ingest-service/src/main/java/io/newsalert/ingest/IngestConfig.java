package io.newsalert.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every knob of ingest-service, under {@code newsalert.ingest.*}; each has a default. */
@ConfigMapping(prefix = "newsalert.ingest")
public interface IngestConfig {

    /** Poll interval of a feed registered without one. */
    @WithDefault("300")
    int defaultPollIntervalSeconds();

    /**
     * Base URL under which other instances and this one reach this service's own HTTP port, for
     * feeds it serves itself (the offline sample). Empty: {@code http://localhost:<port>}.
     */
    Optional<String> selfUrl();

    /**
     * Feeds registered at start-up, keyed by their feed id (so the same id every start). A url
     * starting with "/" is a path on this service itself.
     */
    Map<String, DefaultFeed> defaultFeeds();

    /**
     * Register only the default feeds this service serves itself (the offline sample), none from
     * the internet: for tests and machines without internet.
     */
    @WithDefault("false")
    boolean offline();

    Fetch fetch();

    Poll poll();

    interface DefaultFeed {
        String url();

        Optional<String> title();

        Optional<String> language();

        Optional<List<String>> labels();

        Optional<Integer> pollIntervalSeconds();

        @WithDefault("true")
        boolean enabled();
    }

    interface Fetch {
        @WithDefault("10s")
        Duration connectTimeout();

        /** Whole exchange, redirects and body included: stops slow-loris servers. */
        @WithDefault("30s")
        Duration totalTimeout();

        /** Largest body accepted, after gzip decoding. */
        @WithDefault("10485760")
        long maxBytes();

        @WithDefault("5")
        int maxRedirects();

        @WithDefault("2")
        int perHostConcurrency();

        @WithDefault("Newsalert/0.1 (+https://github.com/newsalert/newsalert; feed poller)")
        String userAgent();
    }

    interface Poll {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("1s")
        Duration tick();

        @WithDefault("60s")
        Duration minInterval();

        @WithDefault("2h")
        Duration maxBackoff();

        @WithDefault("0.1")
        double jitter();

        @WithDefault("8")
        int workers();

        @WithDefault("1000")
        int recentIds();

        @WithDefault("3h")
        Duration staleAfter();

        @WithDefault("newsalert-ingest")
        String groupId();

        @WithDefault("30s")
        Duration kafkaTimeout();
    }
}
