package io.newsalert.alert.dispatch;

import io.newsalert.events.DeliveryOutcome;
import io.newsalert.events.EventSerdes;
import io.newsalert.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The latest delivery outcomes per subscription, read from {@code alerts.deliveries} (whole topic,
 * every instance, like the subscription directory), for {@code GET /api/subscriptions/{id}/deliveries}.
 */
@ApplicationScoped
public class DeliveryLog {

    private static final Logger LOG = Logger.getLogger(DeliveryLog.class);
    static final int KEEP_PER_SUBSCRIPTION = 200;

    private final String bootstrapServers;
    private final Map<String, Deque<DeliveryOutcome>> bySubscription = new ConcurrentHashMap<>();
    private KafkaConsumer<String, DeliveryOutcome> consumer;
    private Thread reader;
    private volatile boolean running;

    public DeliveryLog(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    void onStart(@Observes StartupEvent event) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new EventSerdes.DeliveryOutcomeSerde());
        running = true;
        reader = new Thread(this::readForever, "delivery-log");
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

    /** The subscription's latest outcomes, newest first. */
    public List<DeliveryOutcome> latest(String subscriptionId) {
        Deque<DeliveryOutcome> outcomes = bySubscription.get(subscriptionId);
        if (outcomes == null) {
            return List.of();
        }
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    private void readForever() {
        try {
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                // The topic may not exist yet (first start on an empty broker): wait for it.
                partitions = consumer.partitionsFor(Topics.DELIVERIES).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (partitions.isEmpty()) {
                    Thread.sleep(1_000);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, DeliveryOutcome> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null || r.value().subscriptionId() == null) {
                        continue;
                    }
                    Deque<DeliveryOutcome> outcomes = bySubscription.computeIfAbsent(r.value().subscriptionId(),
                            id -> new ArrayDeque<>());
                    synchronized (outcomes) {
                        outcomes.addFirst(r.value());
                        while (outcomes.size() > KEEP_PER_SUBSCRIPTION) {
                            outcomes.removeLast();
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("delivery log reader woken up while running", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("delivery log reader stopped: GET …/deliveries shows no newer outcomes until restart", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
