package io.newsalert.alert.subscription;

import io.newsalert.alert.table.CompactedTopicTable;
import io.newsalert.events.EventSerdes;
import io.newsalert.events.Subscription;
import io.newsalert.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every subscription, as the compacted topic {@code alerts.subscriptions} holds them: each instance
 * reads all of it and follows it live, so an edit made on any instance reaches all of them; a write
 * returns once this instance shows it.
 */
@ApplicationScoped
public class SubscriptionDirectory {

    /** Told of every change: the subscription as it now is, or null when it was deleted. */
    public interface Listener extends CompactedTopicTable.Listener<Subscription> {}

    private final CompactedTopicTable<Subscription> table;

    public SubscriptionDirectory(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.table = new CompactedTopicTable<>(bootstrapServers, Topics.SUBSCRIPTIONS,
                new EventSerdes.SubscriptionSerde(), "subscription");
    }

    void onStart(@Observes StartupEvent event) {
        table.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        table.close();
    }

    public Optional<Subscription> get(String id) {
        return table.get(id);
    }

    public Collection<Subscription> all() {
        return table.values();
    }

    /** Adds a listener and replays the current subscriptions to it, so it misses nothing. */
    public void addListener(Listener listener) {
        table.addListener(listener);
    }

    /** Blocks until the topic has been read up to its end as of start-up. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return table.awaitCaughtUp(timeout);
    }

    /** Stores the subscription and returns once this instance's directory shows it. */
    public void put(Subscription subscription) {
        table.put(subscription.id(), subscription);
    }

    /** Deletes with a tombstone; returns once this instance's directory no longer shows it. */
    public void delete(String id) {
        table.delete(id);
    }
}
