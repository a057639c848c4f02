package io.newsalert.ingest.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * A compacted topic read into memory and kept current: every instance sees every key, a restart
 * reads the table back, and a write is visible to the writer as soon as the broker acknowledged it.
 *
 * <p>Each key remembers the offset of the value it holds, so the background reader, which may lag
 * behind a write of this instance, never replaces a newer value by an older one.
 */
public final class KafkaTable<V> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaTable.class);

    private record Versioned<V>(V value, int partition, long offset) {}

    private final String topic;
    private final KafkaProducer<String, V> producer;
    private final KafkaConsumer<String, V> consumer;
    private final Map<String, Versioned<V>> values = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread reader;
    private final BiConsumer<String, V> onChange;
    private volatile boolean running = true;
    private volatile boolean started;
    private volatile Throwable failure;

    /**
     * @param onChange told of every change read from the topic (value null = deleted); may be null
     */
    public KafkaTable(String bootstrapServers, String topic, Serde<V> serde, String clientId,
            BiConsumer<String, V> onChange) {
        this.topic = topic;
        this.onChange = onChange;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-writer");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), serde.serializer());
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-reader");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), serde.deserializer());
        this.reader = new Thread(this::readForever, clientId + "-table-reader");
        this.reader.setDaemon(true);
    }

    /** Starts reading and blocks until the table holds everything that was on the topic at start. */
    public KafkaTable<V> start(Duration timeout) {
        started = true;
        reader.start();
        try {
            if (!caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("could not read " + topic + " within " + timeout
                        + (failure == null ? "" : ": " + failure), failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + topic, e);
        }
        if (failure != null) {
            throw new IllegalStateException("cannot read " + topic + ": " + failure, failure);
        }
        return this;
    }

    public V get(String key) {
        Versioned<V> v = values.get(key);
        return v == null ? null : v.value();
    }

    public Map<String, V> snapshot() {
        Map<String, V> out = new HashMap<>();
        values.forEach((k, v) -> out.put(k, v.value()));
        return out;
    }

    /** Writes and waits for the broker's acknowledgement; the value is then visible here. */
    public void put(String key, V value, Duration timeout) throws InterruptedException, ExecutionException,
            TimeoutException {
        RecordMetadata meta = producer.send(new ProducerRecord<>(topic, key, value)).get(timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        apply(key, value, meta.partition(), meta.offset());
    }

    /** Deletes by tombstone. */
    public void delete(String key, Duration timeout) throws InterruptedException, ExecutionException,
            TimeoutException {
        put(key, null, timeout);
    }

    private void apply(String key, V value, int partition, long offset) {
        boolean[] changed = {false};
        values.compute(key, (k, old) -> {
            if (old != null && old.partition() == partition && old.offset() >= offset) {
                return old;
            }
            changed[0] = true;
            return value == null ? null : new Versioned<>(value, partition, offset);
        });
        // A deleted key leaves no offset behind; a lagging reader may re-apply the old value briefly,
        // then the tombstone it reads next removes it again.
        if (changed[0] && onChange != null) {
            onChange.accept(key, value);
        }
    }

    private void readForever() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.isEmpty()) {
                // A topic created a moment ago may not be in the metadata yet.
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
                if (partitions.isEmpty()) {
                    if (System.nanoTime() > deadline || !running) {
                        throw new IllegalStateException("the topic " + topic + " does not exist on the broker");
                    }
                    Thread.sleep(200);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            end.entrySet().removeIf(e -> e.getValue() == 0);
            if (end.isEmpty()) {
                caughtUp.countDown();
            }
            while (running) {
                try {
                    for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                        if (r.key() != null) {
                            apply(r.key(), r.value(), r.partition(), r.offset());
                        }
                    }
                } catch (RecordDeserializationException e) {
                    // One unreadable record must not stop the table: it stays on the topic for a
                    // person to inspect, and the error names where.
                    LOG.errorf("skipping unreadable record in %s partition %d offset %d: %s", topic,
                            e.topicPartition().partition(), e.offset(), e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
                if (caughtUp.getCount() > 0) {
                    end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
                    if (end.isEmpty()) {
                        caughtUp.countDown();
                    }
                }
            }
        } catch (WakeupException e) {
            // close() woke us up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
            LOG.errorf(e, "reading the table %s stopped", topic);
            caughtUp.countDown();
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        running = false;
        if (!started) {
            consumer.close(Duration.ZERO);
        }
        consumer.wakeup();
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
