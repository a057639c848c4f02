package io.newsalert.alert.table;

import io.newsalert.events.JsonSerde;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * A compacted topic mirrored in memory, as a table of key → value.
 *
 * <p>Each instance reads the whole topic (no consumer group: every instance must know every row),
 * from the beginning at start and then live, so a change written on any instance reaches all of
 * them. {@link #put} and {@link #delete} return only once this instance has read its own write
 * back, so a caller sees its change at once (read-your-writes).
 */
public final class CompactedTopicTable<V> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CompactedTopicTable.class);

    /** Told of every change: the value as it now is, or null when it was deleted. */
    public interface Listener<V> {
        void changed(String key, V now);
    }

    private final String topic;
    private final String what;
    private final Map<String, V> rows = new ConcurrentHashMap<>();
    private final List<Listener<V>> listeners = new CopyOnWriteArrayList<>();
    private final Map<Integer, Long> consumedUpTo = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Object progress = new Object();
    private final KafkaProducer<String, V> producer;
    private final KafkaConsumer<String, V> consumer;
    private final Thread reader;
    private volatile boolean running;

    /**
     * @param what a name for the rows in messages and the reader thread ("subscription", "API key")
     */
    public CompactedTopicTable(String bootstrapServers, String topic, JsonSerde<V> serde, String what) {
        this.topic = topic;
        this.what = what;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), serde);
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), serde);
        this.reader = new Thread(this::readForever, topic + "-reader");
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
        producer.close(Duration.ofSeconds(5));
    }

    public Optional<V> get(String key) {
        return Optional.ofNullable(rows.get(key));
    }

    public Collection<V> values() {
        return List.copyOf(rows.values());
    }

    public int size() {
        return rows.size();
    }

    /** Adds a listener and replays the current rows to it, so it misses nothing. */
    public void addListener(Listener<V> listener) {
        listeners.add(listener);
        rows.forEach(listener::changed);
    }

    /** Blocks until the topic has been read up to its end as of start. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Stores the row and returns once this instance's table shows it. */
    public void put(String key, V value) {
        writeAndAwait(key, value);
    }

    /** Deletes with a tombstone; returns once this instance's table no longer shows it. */
    public void delete(String key) {
        writeAndAwait(key, null);
    }

    private void writeAndAwait(String key, V value) {
        try {
            RecordMetadata written = producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
            long deadline = System.currentTimeMillis() + 30_000;
            synchronized (progress) {
                while (consumedUpTo.getOrDefault(written.partition(), -1L) < written.offset()) {
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        throw new IllegalStateException(what + " " + key + " was written but not read back within 30 s");
                    }
                    progress.wait(left);
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot store " + what + " " + key + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge " + what + " " + key + " within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing " + what + " " + key, e);
        }
    }

    private void readForever() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> endAtStart = new HashMap<>(consumer.endOffsets(partitions));
            checkCaughtUp(endAtStart);
            while (running) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record.key(), record.value());
                }
                synchronized (progress) {
                    for (TopicPartition tp : partitions) {
                        consumedUpTo.put(tp.partition(), consumer.position(tp) - 1);
                    }
                    progress.notifyAll();
                }
                checkCaughtUp(endAtStart);
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.errorf(e, "%s reader woken up while running", topic);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s reader stopped: changes are not followed until restart", topic);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(String key, V now) {
        if (now == null) {
            rows.remove(key);
        } else {
            rows.put(key, now);
        }
        for (Listener<V> listener : listeners) {
            try {
                listener.changed(key, now);
            } catch (RuntimeException e) {
                LOG.errorf(e, "listener %s failed on %s %s", listener, what, key);
            }
        }
    }

    private void checkCaughtUp(Map<TopicPartition, Long> endAtStart) {
        if (caughtUp.getCount() == 0) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> e : endAtStart.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return;
            }
        }
        caughtUp.countDown();
        LOG.infof("%s caught up: %d rows", topic, rows.size());
    }
}
