package io.newsalert.alert.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newsalert.alert.dispatch.DeliveryJob.State;
import io.newsalert.events.Channel;
import io.newsalert.events.DeliveryOutcome.Attempt;
import io.newsalert.localkafka.LocalKafkaExtension;
import io.newsalert.localkafka.SharedBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ledger on a real broker: finished history is deleted after its time, pending work never. */
@ExtendWith(LocalKafkaExtension.class)
class DeliveryLedgerTest {

    private static final Instant NOW = Instant.now();

    private final String topic = "test.ledger.sweep." + UUID.randomUUID().toString().substring(0, 8);
    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void setUp() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedBroker.get().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", SharedBroker.get().bootstrapServers(), "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void tearDown() {
        producer.close(Duration.ofSeconds(5));
    }

    private static DeliveryJob job(String id, State state, Instant lastTry, int partition) {
        return new DeliveryJob(id, "msg_" + id, "sub", "webhook:http://127.0.0.1:1/hook", Channel.ChannelType.webhook, state,
                null, List.of(new Attempt(lastTry.minusSeconds(60), 500, "first"), new Attempt(lastTry, 200, null)),
                state.pending() ? NOW : null, null, null, lastTry.minusSeconds(120), partition);
    }

    @Test
    void finishedJobsOlderThanTheCutoffAreDeletedForGoodPendingAndRecentOnesAndOtherInstancesJobsStay() throws Exception {
        DeliveryJob oldDelivered = job("old-delivered", State.delivered, NOW.minus(Duration.ofDays(9)), 0);
        DeliveryJob oldDead = job("old-dead", State.dead, NOW.minus(Duration.ofDays(9)), 0);
        DeliveryJob recent = job("recent", State.delivered, NOW.minus(Duration.ofDays(1)), 0);
        DeliveryJob oldPending = job("old-pending", State.immediate, NOW.minus(Duration.ofDays(9)), 0);
        DeliveryJob othersOld = job("others-old", State.delivered, NOW.minus(Duration.ofDays(9)), 1);

        DeliveryLedger ledger = new DeliveryLedger(topic, SharedBroker.get().bootstrapServers(), producer, p -> p == 0);
        ledger.start(Duration.ofSeconds(30));
        try {
            ledger.recordAll(List.of(oldDelivered, oldDead, recent, oldPending, othersOld), Duration.ofSeconds(30));

            assertThat(ledger.forgetFinishedBefore(NOW.minus(Duration.ofDays(8)))).isEqualTo(2);
            producer.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> !ledger.knows("old-delivered") && !ledger.knows("old-dead"));
            assertThat(ledger.knows("recent")).isTrue();
            assertThat(ledger.knows("old-pending")).isTrue();
            assertThat(ledger.knows("others-old")).as("partition 1 belongs to another instance, which sweeps it").isTrue();
            assertThat(ledger.forgetFinishedBefore(NOW.minus(Duration.ofDays(8)))).as("nothing left to delete").isZero();
        } finally {
            ledger.close();
        }

        // A restart reads the tombstones: the deleted jobs stay deleted, the rest comes back.
        DeliveryLedger restarted = new DeliveryLedger(topic, SharedBroker.get().bootstrapServers(), producer, p -> p == 0);
        restarted.start(Duration.ofSeconds(30));
        try {
            assertThat(restarted.knows("old-delivered")).isFalse();
            assertThat(restarted.knows("old-dead")).isFalse();
            assertThat(restarted.knows("recent")).isTrue();
            assertThat(restarted.knows("others-old")).isTrue();
            assertThat(restarted.pending()).extracting(DeliveryJob::jobId).containsExactly("old-pending");
        } finally {
            restarted.close();
        }
    }
}
