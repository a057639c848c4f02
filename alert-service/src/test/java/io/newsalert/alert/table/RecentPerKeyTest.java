package io.newsalert.alert.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.events.DeliveryOutcome;
import io.newsalert.events.EventSerdes;
import io.newsalert.events.SchemaVersion;
import io.newsalert.localkafka.LocalKafkaBroker;
import io.newsalert.localkafka.LocalKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalKafkaExtension.class)
class RecentPerKeyTest {

    @Test
    void keepsTheNewestPerKeyAndReadsOnPastAnUnreadableRecord(LocalKafkaBroker broker) throws Exception {
        // A topic that does not exist yet when the reader starts: it must wait for it, not read nothing.
        String topic = "recent-test-" + UUID.randomUUID();
        try (RecentPerKey<DeliveryOutcome> recent = new RecentPerKey<>(broker.bootstrapServers(), topic,
                new EventSerdes.DeliveryOutcomeSerde(), DeliveryOutcome::subscriptionId, 2, null);
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        Map.of("bootstrap.servers", broker.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            recent.start();
            EventSerdes.DeliveryOutcomeSerde serde = new EventSerdes.DeliveryOutcomeSerde();
            send(producer, topic, serde.serialize(topic, outcome("s1", "a1")));
            send(producer, topic, "{not json".getBytes(StandardCharsets.UTF_8));
            send(producer, topic, serde.serialize(topic, outcome("s1", "a2")));
            send(producer, topic, serde.serialize(topic, outcome("s2", "b1")));
            send(producer, topic, serde.serialize(topic, outcome("s1", "a3")));

            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(recent.newest("s1")).extracting(DeliveryOutcome::articleId).containsExactly("a3", "a2");
                assertThat(recent.newest("s2")).extracting(DeliveryOutcome::articleId).containsExactly("b1");
            });
            assertThat(recent.newest("nobody")).isEmpty();
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, "k", value)).get(30, TimeUnit.SECONDS);
    }

    private static DeliveryOutcome outcome(String subscription, String article) {
        return new DeliveryOutcome(SchemaVersion.CURRENT, "msg_" + subscription + "_" + article, subscription, article,
                null, DeliveryOutcome.Status.delivered, List.of(), Instant.now());
    }
}
