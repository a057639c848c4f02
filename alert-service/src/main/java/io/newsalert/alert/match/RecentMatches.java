package io.newsalert.alert.match;

import io.newsalert.alert.table.RecentPerKey;
import io.newsalert.events.EventSerdes;
import io.newsalert.events.Match;
import io.newsalert.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The latest matches of every subscription, read from {@code alerts.matches} (every instance answers
 * for every subscription), starting {@code newsalert.match.recent-days} back and following live.
 * Keeps the newest {@code newsalert.match.recent-per-subscription} per subscription in memory.
 */
@ApplicationScoped
public class RecentMatches {

    private final RecentPerKey<Match> recent;

    public RecentMatches(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "newsalert.match.recent-days", defaultValue = "7") int recentDays,
            @ConfigProperty(name = "newsalert.match.recent-per-subscription", defaultValue = "50") int keep) {
        this.recent = new RecentPerKey<>(bootstrapServers, Topics.MATCHES, new EventSerdes.MatchSerde(),
                Match::subscriptionId, keep, Duration.ofDays(recentDays));
    }

    void onStart(@Observes StartupEvent event) {
        recent.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        recent.close();
    }

    /** Newest first. */
    public List<Match> of(String subscriptionId) {
        return recent.newest(subscriptionId);
    }
}
