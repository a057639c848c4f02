package io.newsalert.ingest.fetch;

import java.time.Duration;

/**
 * What one fetch may cost: time, bytes, redirects, and how many fetches a host gets at once.
 *
 * @param connectTimeout to open the TCP/TLS connection
 * @param totalTimeout from the first byte sent to the last byte received, redirects included; this
 *     is what stops a slow-loris server that trickles its body
 * @param maxBytes the largest body accepted, after gzip decoding
 */
public record FetchLimits(Duration connectTimeout, Duration totalTimeout, long maxBytes, int maxRedirects,
        int perHostConcurrency, String userAgent) {

    public static final String DEFAULT_USER_AGENT =
            "Newsalert/0.1 (+https://github.com/newsalert/newsalert; feed poller)";

    public static FetchLimits defaults() {
        return new FetchLimits(Duration.ofSeconds(10), Duration.ofSeconds(30), 10L * 1024 * 1024, 5, 2,
                DEFAULT_USER_AGENT);
    }
}
