package io.newsalert.alert.subscription;

import io.newsalert.events.EventSerdes;
import io.newsalert.events.Subscription;
import io.newsalert.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every subscription, as the compacted topic {@code alerts.subscriptions} holds them.
 *
 * <p>Each instance reads the whole topic (no consumer group: every instance must know every
 * subscription), from the beginning at start-up and then live, so an edit made on any instance
 * reaches all of them. Writes go to the topic, and {@link #put} returns only once this instance
 * has read its own write back, so a caller sees its change at once.
 */
@ApplicationScoped
public class SubscriptionDirectory {

    private static final Logger LOG = Logger.getLogger(SubscriptionDirectory.class);

    /** Told of every change: the subscription as it now is, or null when it was deleted. */
    public interface Listener {
        void changed(String id, Subscription now);
    }

    private final String bootstrapServers;
    private final Map<String, Subscription> byId = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Map<Integer, Long> consumedUpTo = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Object progress = new Object();
    private KafkaProducer<String, Subscription> producer;
    private KafkaConsumer<String, Subscription> consumer;
    private Thread reader;
    private volatile boolean running;

    public SubscriptionDirectory(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    void onStart(@Observes StartupEvent event) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new EventSerdes.SubscriptionSerde());
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new EventSerdes.SubscriptionSerde());
        running = true;
        reader = new Thread(this::readForever, "subscription-directory");
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
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    public Optional<Subscription> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<Subscription> all() {
        return List.copyOf(byId.values());
    }

    /** Adds a listener and replays the current subscriptions to it, so it misses nothing. */
    public void addListener(Listener listener) {
        listeners.add(listener);
        byId.forEach(listener::changed);
    }

    /** Blocks until the topic has been read up to its end as of start-up. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stores the subscription and returns once this instance's directory shows it. */
    public void put(Subscription subscription) {
        writeAndAwait(subscription.id(), subscription);
    }

    /** Deletes with a tombstone; returns once this instance's directory no longer shows it. */
    public void delete(String id) {
        writeAndAwait(id, null);
    }

    private void writeAndAwait(String id, Subscription value) {
        try {
            RecordMetadata written = producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS, id, value)).get(30, TimeUnit.SECONDS);
            long deadline = System.currentTimeMillis() + 30_000;
            synchronized (progress) {
                while (consumedUpTo.getOrDefault(written.partition(), -1L) < written.offset()) {
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        throw new IllegalStateException("subscription " + id + " was written but not read back within 30 s");
                    }
                    progress.wait(left);
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot store subscription " + id + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge subscription " + id + " within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing subscription " + id, e);
        }
    }

    private void readForever() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SUBSCRIPTIONS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> endAtStart = new HashMap<>(consumer.endOffsets(partitions));
            checkCaughtUp(endAtStart);
            while (running) {
                for (ConsumerRecord<String, Subscription> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
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
                LOG.error("subscription reader woken up while running", e);
            }
        } catch (RuntimeException e) {
            LOG.error("subscription reader stopped: subscriptions will not follow changes until restart", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<String, Subscription> record) {
        String id = record.key();
        Subscription now = record.value();
        if (now == null) {
            byId.remove(id);
        } else {
            byId.put(id, now);
        }
        for (Listener listener : listeners) {
            try {
                listener.changed(id, now);
            } catch (RuntimeException e) {
                LOG.errorf(e, "listener %s failed on subscription %s", listener, id);
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
        LOG.infof("subscription directory caught up: %d subscriptions", byId.size());
    }
}
