package io.newsalert.alert.match;

import io.newsalert.events.EventSerdes;
import io.newsalert.events.Match;
import io.newsalert.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The latest matches of every subscription, read from {@code alerts.matches} (all partitions, no
 * consumer group: every instance answers for every subscription), starting
 * {@code newsalert.match.recent-days} back and following live. Keeps the newest
 * {@code newsalert.match.recent-per-subscription} per subscription in memory.
 */
@ApplicationScoped
public class RecentMatches {

    private static final Logger LOG = Logger.getLogger(RecentMatches.class);

    private final String bootstrapServers;
    private final Duration lookBack;
    private final int keep;
    private final Map<String, Deque<Match>> bySubscription = new ConcurrentHashMap<>();
    private KafkaConsumer<String, byte[]> consumer;
    private Thread reader;
    private volatile boolean running;

    public RecentMatches(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "newsalert.match.recent-days", defaultValue = "7") int recentDays,
            @ConfigProperty(name = "newsalert.match.recent-per-subscription", defaultValue = "50") int keep) {
        this.bootstrapServers = bootstrapServers;
        this.lookBack = Duration.ofDays(recentDays);
        this.keep = keep;
    }

    void onStart(@Observes StartupEvent event) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer());
        running = true;
        reader = new Thread(this::readForever, "recent-matches");
        reader.setDaemon(true);
        reader.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Newest first. */
    public List<Match> of(String subscriptionId) {
        Deque<Match> recent = bySubscription.get(subscriptionId);
        if (recent == null) {
            return List.of();
        }
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    private void readForever() {
        EventSerdes.MatchSerde serde = new EventSerdes.MatchSerde();
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MATCHES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            long since = Instant.now().minus(lookBack).toEpochMilli();
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, since));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query);
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp start = starts.get(tp);
                if (start == null) {
                    consumer.seekToEnd(List.of(tp));
                } else {
                    consumer.seek(tp, start.offset());
                }
            }
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        Match match = serde.deserialize(record.topic(), record.value());
                        if (match != null) {
                            add(match);
                        }
                    } catch (SerializationException e) {
                        // Not ours to repair: the delivery side reads the same record; here it is only history.
                        LOG.errorf("alerts.matches %d@%d is not a Match and is left out of recent matches: %s",
                                record.partition(), record.offset(), e.getMessage());
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("recent-matches reader woken up while running", e);
            }
        } catch (RuntimeException e) {
            LOG.error("recent-matches reader stopped: /api/subscriptions/{id}/matches shows no new matches until restart", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void add(Match match) {
        Deque<Match> recent = bySubscription.computeIfAbsent(match.subscriptionId(), id -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addFirst(match);
            while (recent.size() > keep) {
                recent.removeLast();
            }
        }
    }
}
