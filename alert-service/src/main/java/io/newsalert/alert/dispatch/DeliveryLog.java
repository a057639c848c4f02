package io.newsalert.alert.dispatch;

import io.newsalert.alert.table.RecentPerKey;
import io.newsalert.events.DeliveryOutcome;
import io.newsalert.events.EventSerdes;
import io.newsalert.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The latest delivery outcomes per subscription, read from {@code alerts.deliveries} (whole topic,
 * every instance), for {@code GET /api/subscriptions/{id}/deliveries}.
 */
@ApplicationScoped
public class DeliveryLog {

    private static final int KEEP_PER_SUBSCRIPTION = 200;

    private final RecentPerKey<DeliveryOutcome> recent;

    public DeliveryLog(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.recent = new RecentPerKey<>(bootstrapServers, Topics.DELIVERIES, new EventSerdes.DeliveryOutcomeSerde(),
                DeliveryOutcome::subscriptionId, KEEP_PER_SUBSCRIPTION, null);
    }

    void onStart(@Observes StartupEvent event) {
        recent.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        recent.close();
    }

    /** The subscription's latest outcomes, newest first. */
    public List<DeliveryOutcome> latest(String subscriptionId) {
        return recent.newest(subscriptionId);
    }
}
