package io.newsalert.alert.table;

import io.newsalert.events.JsonSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * The newest records of an append-only topic, grouped by a key taken from the value (for example
 * the subscription id), kept in memory for "show me the latest" answers.
 *
 * <p>Every instance reads all partitions (no consumer group), from a look-back point (or the
 * beginning) and then live. A record that does not read as the value type is logged and left out:
 * this is history for people to look at, and the record's real consumer decides what it means.
 */
public final class RecentPerKey<V> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RecentPerKey.class);

    private final String topic;
    private final JsonSerde<V> serde;
    private final Function<V, String> keyOf;
    private final int keep;
    private final Duration lookBack;
    private final Map<String, Deque<V>> byKey = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread reader;
    private volatile boolean running;

    /**
     * @param keyOf the group a value belongs to; values without one (null) are left out
     * @param keep how many of the newest values to keep per group
     * @param lookBack how far back to start reading; null reads the whole topic
     */
    public RecentPerKey(String bootstrapServers, String topic, JsonSerde<V> serde, Function<V, String> keyOf,
            int keep, Duration lookBack) {
        this.topic = topic;
        this.serde = serde;
        this.keyOf = keyOf;
        this.keep = keep;
        this.lookBack = lookBack;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.reader = new Thread(this::readForever, topic + "-recent");
        this.reader.setDaemon(true);
    }

    public void start() {
        running = true;
        reader.start();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The group's newest values, newest first. */
    public List<V> newest(String key) {
        Deque<V> values = byKey.get(key);
        if (values == null) {
            return List.of();
        }
        synchronized (values) {
            return List.copyOf(values);
        }
    }

    private void readForever() {
        try {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            seekToStart(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    add(record);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.errorf(e, "%s reader woken up while running", topic);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s reader stopped: its latest records are not shown until restart", topic);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** The topic may not exist yet (first start on an empty broker): wait for it rather than read nothing. */
    private List<TopicPartition> partitions() throws InterruptedException {
        while (running) {
            List<TopicPartition> found = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (!found.isEmpty()) {
                return found;
            }
            Thread.sleep(500);
        }
        throw new WakeupException();
    }

    private void seekToStart(List<TopicPartition> partitions) {
        if (lookBack == null) {
            consumer.seekToBeginning(partitions);
            return;
        }
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
    }

    private void add(ConsumerRecord<String, byte[]> record) {
        V value;
        try {
            value = serde.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            LOG.errorf("%s %d@%d is left out of the latest records: %s", topic, record.partition(), record.offset(),
                    e.getMessage());
            return;
        }
        String key = value == null ? null : keyOf.apply(value);
        if (key == null) {
            return;
        }
        Deque<V> values = byKey.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (values) {
            values.addFirst(value);
            while (values.size() > keep) {
                values.removeLast();
            }
        }
    }
}
