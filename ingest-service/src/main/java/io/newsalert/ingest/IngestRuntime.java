package io.newsalert.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsalert.events.FeedConfig;
import io.newsalert.events.SchemaVersion;
import io.newsalert.events.Topics;
import io.newsalert.ingest.feed.FeedRegistry;
import io.newsalert.ingest.feed.FeedRegistry.RegistryException;
import io.newsalert.ingest.fetch.FeedFetcher;
import io.newsalert.ingest.fetch.FetchLimits;
import io.newsalert.ingest.poll.PollSettings;
import io.newsalert.ingest.poll.PollingService;
import io.newsalert.ingest.publish.ArticlePublisher;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts and stops the parts of one ingest instance in flow order: registry, fetcher, poller; and
 * registers the default feeds once the HTTP port (which serves the offline sample) is known.
 */
@ApplicationScoped
public class IngestRuntime {

    private static final Logger LOG = Logger.getLogger(IngestRuntime.class);

    private final IngestConfig config;
    private final String bootstrapServers;
    private final MeterRegistry meters;
    private final ArticlePublisher publisher;
    private final String clientId = "ingest-" + UUID.randomUUID().toString().substring(0, 8);
    private FeedRegistry registry;
    private FeedFetcher fetcher;
    private PollingService polling;

    public IngestRuntime(IngestConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            MeterRegistry meters, ArticlePublisher publisher) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.meters = meters;
        this.publisher = publisher;
    }

    void onStart(@Observes StartupEvent event) {
        registry = new FeedRegistry(bootstrapServers, Topics.FEEDS, clientId, config.poll().kafkaTimeout()).start();
        IngestConfig.Fetch f = config.fetch();
        fetcher = new FeedFetcher(new FetchLimits(f.connectTimeout(), f.totalTimeout(), f.maxBytes(),
                f.maxRedirects(), f.perHostConcurrency(), f.userAgent()));
        IngestConfig.Poll p = config.poll();
        PollSettings settings = new PollSettings(p.tick(), p.minInterval(), p.maxBackoff(), p.jitter(), p.workers(),
                p.recentIds(), p.staleAfter(), p.groupId(), p.kafkaTimeout(), Topics.FEEDS, Topics.FEED_STATE);
        polling = new PollingService(bootstrapServers, clientId, settings, fetcher, publisher, meters,
                Clock.systemUTC());
        if (p.enabled()) {
            polling.start();
        } else {
            LOG.warn("polling is disabled (newsalert.ingest.poll.enabled=false): feeds are registered but not polled");
        }
    }

    /** Quarkus fires this asynchronously once the HTTP server listens, with its actual port. */
    void onHttpStart(@ObservesAsync HttpServerStart start) {
        int port = start.options().getPort();
        if (port <= 0) {
            port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class).orElse(8081);
        }
        try {
            registerDefaults(port);
        } catch (RegistryException | RuntimeException e) {
            // Nothing else would see this failure: an async observer's exception goes nowhere.
            LOG.errorf(e, "registering the default feeds failed; they are tried again at the next start");
        }
    }

    /**
     * Idempotent: each default feed has a fixed id; one already registered is left as the operator
     * left it, except that a self-served feed follows this service's current address.
     */
    void registerDefaults(int port) throws RegistryException {
        String self = config.selfUrl().orElse("http://localhost:" + port).replaceAll("/+$", "");
        for (Map.Entry<String, IngestConfig.DefaultFeed> e : config.defaultFeeds().entrySet()) {
            IngestConfig.DefaultFeed d = e.getValue();
            boolean selfServed = d.url().startsWith("/");
            if (config.offline() && !selfServed) {
                continue;
            }
            String url = selfServed ? self + d.url() : d.url();
            FeedConfig existing = registry.get(e.getKey()).orElse(null);
            if (existing == null) {
                registry.put(new FeedConfig(SchemaVersion.CURRENT, e.getKey(), url, d.title().orElse(e.getKey()),
                        d.pollIntervalSeconds().orElse(config.defaultPollIntervalSeconds()), d.language().orElse(null),
                        d.labels().orElse(List.of()), d.enabled()));
                LOG.infof("registered default feed %s: %s", e.getKey(), url);
            } else if (selfServed && !existing.url().equals(url)) {
                registry.put(new FeedConfig(existing.schemaVersion(), existing.id(), url, existing.title(),
                        existing.pollIntervalSeconds(), existing.languageHint(), existing.labels(), existing.enabled()));
            }
        }
    }

    public FeedRegistry registry() {
        return registry;
    }

    public FeedFetcher fetcher() {
        return fetcher;
    }

    public PollingService polling() {
        return polling;
    }

    public int defaultPollIntervalSeconds() {
        return config.defaultPollIntervalSeconds();
    }

    @PreDestroy
    void stop() {
        if (polling != null) {
            polling.close();
        }
        if (registry != null) {
            registry.close();
        }
    }
}
