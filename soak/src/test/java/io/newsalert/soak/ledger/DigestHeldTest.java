package io.newsalert.soak.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.alert.dispatch.DeliveryJob;
import io.newsalert.events.Channel;
import io.newsalert.events.JsonSerde;
import io.newsalert.events.Match;
import io.newsalert.events.Topics;
import io.newsalert.localkafka.LocalKafkaBroker;
import io.newsalert.localkafka.LocalKafkaExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pairs held for a digest, read from alert-service's ledger topic on the in-JVM broker. */
@ExtendWith(LocalKafkaExtension.class)
class DigestHeldTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private static final JsonSerde<DeliveryJob> JOBS = JsonSerde.of(DeliveryJob.class);

    @Test
    void onlyJobsWhoseLatestStateIsDigestAreHeld(LocalKafkaBroker broker) throws Exception {
        broker.createTopics(Topics.ALL);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (DeliveryJob job : List.of(job("held-s1", "a1", DeliveryJob.State.digest), job("sent-s2", "a2", DeliveryJob.State.delivered),
                    job("later-sent-s4", "a4", DeliveryJob.State.digest), job("later-sent-s4", "a4", DeliveryJob.State.delivered),
                    job("gone-s3", "a3", DeliveryJob.State.digest), job("waiting-s5", "a5", DeliveryJob.State.immediate))) {
                producer.send(new ProducerRecord<>(Topics.DELIVERY_STATE, job.jobId(), JOBS.serializer().serialize(Topics.DELIVERY_STATE, job)));
            }
            // A job removed from the ledger (a tombstone) is no longer held.
            producer.send(new ProducerRecord<>(Topics.DELIVERY_STATE, job("gone-s3", "a3", DeliveryJob.State.digest).jobId(), null));
            producer.flush();
        }
        Set<Pair> held = DigestHeld.read(broker.bootstrapServers(), Duration.ofSeconds(30));
        assertThat(held).containsExactly(new Pair("held-s1", "a1"));
    }

    @Test
    void heldPairsLeaveTheExpectedSetAndAreNotCountedAsLost() {
        Expectation e = new Expectation(Map.of(new Pair("s1", "a1"), T, new Pair("s1", "a2"), T), Set.of());
        LedgerReport r = LedgerCheck.check(e.without(Set.of(new Pair("s1", "a2"))), List.of());
        assertThat(r.expected()).isEqualTo(1);
        assertThat(r.lost()).isEqualTo(1);
        assertThat(r.lostSamples()).containsExactly(new Pair("s1", "a1"));
    }

    private static DeliveryJob job(String subscription, String article, DeliveryJob.State state) {
        Match match = new Match(1, subscription, article, 1, "Titel", "https://example.org/" + article, "feed", "de", "…", List.of(),
                List.of(), List.of(), T, T, T);
        Channel channel = Channel.webhook("https://hooks.example.org/" + subscription, null);
        return new DeliveryJob(DeliveryJob.jobId(match, channel), match.deliveryId(), subscription, DeliveryJob.channelKey(channel),
                Channel.ChannelType.webhook, state, match, List.of(), null, state == DeliveryJob.State.digest ? T : null, null, T, 0);
    }
}
