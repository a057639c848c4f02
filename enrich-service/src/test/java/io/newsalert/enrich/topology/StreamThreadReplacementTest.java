package io.newsalert.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newsalert.localkafka.LocalKafkaBroker;
import io.newsalert.localkafka.LocalKafkaExtension;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A stream thread that dies of a broker-side error is replaced, and under exactly-once the record
 * it was processing comes out once, not never and not twice (regression: the client used to shut
 * down for good after a broker outage).
 */
@ExtendWith(LocalKafkaExtension.class)
class StreamThreadReplacementTest {

    @Test
    void aThreadKilledByABrokerErrorIsReplacedAndItsRecordComesOutExactlyOnce(LocalKafkaBroker broker) throws Exception {
        String in = "thread-replacement-in-" + UUID.randomUUID();
        String out = "thread-replacement-out-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(in, 1, (short) 1), new NewTopic(out, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        AtomicBoolean failedOnce = new AtomicBoolean();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, org.apache.kafka.streams.kstream.Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(v -> {
                    if (v.equals("during-outage") && !failedOnce.getAndSet(true)) {
                        // What a broker outage looks like from inside a stream thread.
                        throw new StreamsException(new TimeoutException("topic changelog not present in metadata after 60000 ms"));
                    }
                    return v.toUpperCase();
                })
                .to(out, org.apache.kafka.streams.kstream.Produced.with(Serdes.String(), Serdes.String()));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "thread-replacement-" + UUID.randomUUID());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("thread-replacement").toString());
        StreamThreadReplacement handler = new StreamThreadReplacement();
        try (KafkaStreams streams = new KafkaStreams(builder.build(), p)) {
            streams.setUncaughtExceptionHandler(handler);
            streams.start();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                for (String v : List.of("before", "during-outage", "after")) {
                    producer.send(new ProducerRecord<>(in, v, v)).get(30, TimeUnit.SECONDS);
                }
            }
            List<String> seen = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", broker.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(out));
                await().atMost(Duration.ofSeconds(120)).until(() -> {
                    consumer.poll(Duration.ofMillis(500)).forEach(r -> seen.add(r.value()));
                    return seen.contains("AFTER");
                });
                // Anything written twice would be committed by now.
                Thread.sleep(1000);
                consumer.poll(Duration.ofMillis(500)).forEach(r -> seen.add(r.value()));
            }
            assertThat(failedOnce).isTrue();
            assertThat(handler.replaced()).isEqualTo(1);
            assertThat(seen).containsExactly("BEFORE", "DURING-OUTAGE", "AFTER");
            assertThat(streams.state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
        }
    }
}
