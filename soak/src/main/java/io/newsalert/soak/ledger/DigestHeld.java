package io.newsalert.soak.ledger;

import io.newsalert.alert.dispatch.DeliveryJob;
import io.newsalert.events.JsonSerde;
import io.newsalert.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The (subscription, article) pairs whose delivery is held for a digest: jobs in state
 * {@code digest} in alert-service's ledger ({@code alerts.deliveries.state}, latest value per job).
 * A per-subscription rate limit turns matches beyond it into digest jobs, sent when the hour is over;
 * a soak run cannot wait for that, so such a pair is neither delivered nor lost, and is reported apart.
 */
public final class DigestHeld {

    private static final JsonSerde<DeliveryJob> JOBS = JsonSerde.of(DeliveryJob.class);

    private DigestHeld() {}

    /** Reads the ledger to its current end (at most {@code timeout}). */
    public static Set<Pair> read(String bootstrapServers, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, DeliveryJob> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DELIVERY_STATE, timeout).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Instant deadline = Instant.now().plus(timeout);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the delivery ledger was not read to its end within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        latest.remove(r.key());
                    } else {
                        latest.put(r.key(), JOBS.deserializer().deserialize(r.topic(), r.value()));
                    }
                }
            }
        }
        Set<Pair> held = new HashSet<>();
        latest.values().stream().filter(job -> job.state() == DeliveryJob.State.digest && job.match() != null)
                .forEach(job -> held.add(new Pair(job.subscriptionId(), job.match().articleId())));
        return held;
    }
}
