package io.newsalert.ingest.poll;

import io.newsalert.events.EventSerdes;
import io.newsalert.events.FeedConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * The feeds this instance polls: those on the partitions of {@code news.feeds} that the consumer
 * group assigns to it. When an instance joins or dies, the group rebalances and the feeds move
 * with their partitions; on assignment a partition is read from its beginning, so its feeds are
 * known at once.
 */
public final class FeedOwnership implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FeedOwnership.class);

    private record Owned(FeedConfig config, int partition) {}

    private final String topic;
    private final KafkaConsumer<String, FeedConfig> consumer;
    private final Map<String, Owned> feeds = new ConcurrentHashMap<>();
    private final Set<Integer> partitions = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;

    public FeedOwnership(String bootstrapServers, String topic, String groupId, String clientId) {
        this.topic = topic;
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-ownership");
        // Offsets are never committed: each assignment re-reads its partitions from the start.
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A dead instance's feeds move after this long without its heartbeat.
        c.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        c.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new EventSerdes.FeedConfigSerde().deserializer());
        this.thread = new Thread(this::run, clientId + "-feed-ownership");
        this.thread.setDaemon(true);
    }

    public FeedOwnership start() {
        thread.start();
        return this;
    }

    /** The feeds on this instance's partitions right now (enabled or not). */
    public List<FeedConfig> feeds() {
        return feeds.values().stream().map(Owned::config).toList();
    }

    public boolean owns(String feedId) {
        return feeds.containsKey(feedId);
    }

    public Set<Integer> partitions() {
        return Set.copyOf(partitions);
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
                    assigned.forEach(tp -> partitions.add(tp.partition()));
                    consumer.seekToBeginning(assigned);
                    LOG.infof("now polling the feeds of %s partitions %s", topic, partitions);
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
                    drop(revoked);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> lost) {
                    drop(lost);
                }
            });
            while (running) {
                try {
                    for (ConsumerRecord<String, FeedConfig> r : consumer.poll(Duration.ofMillis(200))) {
                        if (r.key() == null) {
                            continue;
                        }
                        if (r.value() == null) {
                            feeds.remove(r.key());
                        } else {
                            feeds.put(r.key(), new Owned(r.value(), r.partition()));
                        }
                    }
                } catch (RecordDeserializationException e) {
                    LOG.errorf("skipping unreadable feed config in %s partition %d offset %d: %s", topic,
                            e.topicPartition().partition(), e.offset(), e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        } catch (WakeupException e) {
            // close() woke us up
        } catch (RuntimeException e) {
            LOG.errorf(e, "the feed ownership consumer stopped; this instance polls no feeds until restarted");
            feeds.clear();
            partitions.clear();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void drop(Collection<TopicPartition> gone) {
        for (TopicPartition tp : gone) {
            partitions.remove(tp.partition());
            feeds.values().removeIf(o -> o.partition() == tp.partition());
        }
        LOG.infof("gave up %s partitions %s", topic, gone);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
