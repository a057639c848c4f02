package io.newsalert.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.events.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LocalKafkaExtension.class)
class LocalKafkaBrokerTest {

    @Test
    void sharedBrokerHasEveryTopicWithItsShape(LocalKafkaBroker broker) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            assertThat(names).containsAll(Topics.ALL.stream().map(Topics.Definition::name).toList());
            ConfigResource feeds = new ConfigResource(ConfigResource.Type.TOPIC, Topics.FEEDS);
            ConfigResource raw = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ARTICLES_RAW);
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(feeds, raw)).all().get(10, TimeUnit.SECONDS);
            assertThat(configs.get(feeds).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(configs.get(raw).get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(admin.describeTopics(List.of(Topics.ARTICLES_RAW)).allTopicNames().get().get(Topics.ARTICLES_RAW)
                    .partitions()).hasSize(6);
        }
    }

    @Test
    void dataSurvivesARestartOnTheSameDirectory(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("kafka");
        long begin = System.nanoTime();
        try (LocalKafkaBroker broker = LocalKafkaBroker.create(0, data).start()) {
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(30));
            produce(broker, "restart.check", "k", "before restart");
        }
        assertThat(Files.exists(data.resolve("log").resolve("meta.properties"))).isTrue();
        try (LocalKafkaBroker again = LocalKafkaBroker.create(0, data).start()) {
            assertThat(consumeAll(again, "restart.check")).containsExactly("before restart");
        }
    }

    private static void produce(LocalKafkaBroker broker, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> consumeAll(LocalKafkaBroker broker, String topic) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "restart-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
