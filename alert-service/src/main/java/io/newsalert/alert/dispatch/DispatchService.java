package io.newsalert.alert.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsalert.alert.dispatch.email.EmailSender;
import io.newsalert.alert.dispatch.retry.RetryPolicy;
import io.newsalert.alert.dispatch.webhook.WebhookSender;
import io.newsalert.alert.dispatch.webhook.WebhookTargetGuard;
import io.newsalert.alert.subscription.SubscriptionDirectory;
import io.newsalert.events.Channel;
import io.newsalert.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the {@link Dispatcher} inside Quarkus: builds it from {@code newsalert.delivery.*}, starts it
 * once the subscription directory has caught up (a match must find its subscription), stops it on
 * shutdown. Start-up happens off the main thread and is retried, so the service comes up (and its
 * health check says why not ready) even while Kafka is away.
 */
@ApplicationScoped
public class DispatchService {

    private static final Logger LOG = Logger.getLogger(DispatchService.class);

    private final DeliveryConfig config;
    private final SubscriptionDirectory directory;
    private final EmailSender email;
    private final MeterRegistry registry;
    private final String bootstrapServers;
    private final WebhookTargetGuard guard;
    private volatile Dispatcher dispatcher;
    private volatile boolean stopping;
    private Thread starter;

    public DispatchService(DeliveryConfig config, SubscriptionDirectory directory, EmailSender email, MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.directory = directory;
        this.email = email;
        this.registry = registry;
        this.bootstrapServers = bootstrapServers;
        this.guard = new WebhookTargetGuard(config.ssrf().allow().orElse(List.of()));
    }

    /** The SSRF guard, for checking a webhook URL at subscribe time. */
    @Produces
    @Singleton
    WebhookTargetGuard webhookTargetGuard() {
        return guard;
    }

    void onStart(@Observes StartupEvent event) {
        starter = new Thread(this::startWhenReady, "dispatch-start");
        starter.setDaemon(true);
        starter.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (starter != null) {
            starter.interrupt();
        }
        Dispatcher running = dispatcher;
        if (running != null) {
            running.close();
        }
    }

    /** The running dispatcher, or empty while it is still starting. */
    public Optional<Dispatcher> dispatcher() {
        return Optional.ofNullable(dispatcher);
    }

    public WebhookTargetGuard guard() {
        return guard;
    }

    private void startWhenReady() {
        while (!stopping) {
            Dispatcher d = null;
            try {
                if (!directory.awaitCaughtUp(Duration.ofSeconds(60))) {
                    LOG.warn("subscription directory not caught up after 60 s; delivery waits for it");
                    continue;
                }
                d = build();
                d.start();
                dispatcher = d;
                LOG.infof("delivery started: %d deliveries pending from before", d.pendingCount());
                return;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("delivery could not start; trying again in 5 s", e);
                if (d != null) {
                    d.close();
                }
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private Dispatcher build() {
        Clock clock = Clock.systemUTC();
        DispatchSettings settings = new DispatchSettings(bootstrapServers, Topics.MATCHES, Topics.DELIVERIES, Topics.DLQ,
                config.ledgerTopic(), config.groupId(),
                new RetryPolicy(config.retry().schedule(), config.retry().jitter(), config.retry().maxRetryAfter()),
                config.endpoint().concurrency(), config.endpoint().queue(), config.circuit().failureThreshold(),
                config.circuit().openFor(), config.rateLimit().max(), config.rateLimit().window(),
                config.digest().checkInterval(), config.ledgerKeepFinished());
        WebhookSender webhooks = new WebhookSender(guard, config.webhook().connectTimeout(), config.webhook().timeout(), clock);
        return new Dispatcher(settings, directory::get, Map.of(Channel.ChannelType.webhook, webhooks,
                Channel.ChannelType.email, email), registry, clock);
    }
}
