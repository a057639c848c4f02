package io.newsalert.ingest.feed;

import io.newsalert.events.ArticleId;
import io.newsalert.events.EventSerdes;
import io.newsalert.events.FeedConfig;
import io.newsalert.ingest.kafka.KafkaTable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The feed registry: the compacted {@code news.feeds}, read whole into memory on every instance
 * and written through to Kafka. A write returns once the broker has it, so a client that just
 * registered a feed reads it back at once.
 */
public final class FeedRegistry implements AutoCloseable {

    private final KafkaTable<FeedConfig> table;
    private final Duration timeout;

    public FeedRegistry(String bootstrapServers, String topic, String clientId, Duration timeout) {
        this.table = new KafkaTable<>(bootstrapServers, topic, new EventSerdes.FeedConfigSerde(),
                clientId + "-feeds", null);
        this.timeout = timeout;
    }

    public FeedRegistry start() {
        table.start(Duration.ofSeconds(60));
        return this;
    }

    public Optional<FeedConfig> get(String id) {
        return Optional.ofNullable(table.get(id));
    }

    public List<FeedConfig> all() {
        return table.snapshot().values().stream().sorted(Comparator.comparing(FeedConfig::id)).toList();
    }

    /** The feed registered under this URL (compared canonically), if any. */
    public Optional<FeedConfig> byUrl(String url) {
        String canonical = ArticleId.canonicalLink(url);
        return table.snapshot().values().stream()
                .filter(f -> ArticleId.canonicalLink(f.url()).equals(canonical)).findFirst();
    }

    public void put(FeedConfig feed) throws RegistryException {
        try {
            table.put(feed.id(), feed, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while storing feed " + feed.id(), e);
        } catch (Exception e) {
            throw new RegistryException("Kafka did not accept feed " + feed.id() + ": " + e.getMessage(), e);
        }
    }

    public void delete(String id) throws RegistryException {
        try {
            table.delete(id, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while deleting feed " + id, e);
        } catch (Exception e) {
            throw new RegistryException("Kafka did not accept the deletion of feed " + id + ": " + e.getMessage(), e);
        }
    }

    /** The id a feed registered through the API gets: the same URL always gives the same id. */
    public static String idForUrl(String url) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(ArticleId.canonicalLink(url).getBytes(StandardCharsets.UTF_8));
            return "feed-" + HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Null when the URL can be polled; else why not. */
    public static String checkUrl(String url) {
        if (url == null || url.isBlank()) {
            return "url is required";
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return "url must be an absolute http or https URL, not '" + url + "'";
            }
            return null;
        } catch (java.net.URISyntaxException e) {
            return "url is not a valid URL: " + e.getMessage();
        }
    }

    @Override
    public void close() {
        table.close();
    }

    /** Kafka could not store a registry change; nothing was changed. */
    public static final class RegistryException extends Exception {
        public RegistryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
