package io.newsalert.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsalert.events.Topics;
import io.newsalert.localrun.WebhookReceiver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same services against the official {@code apache/kafka} image (the broker docker compose runs)
 * instead of the in-JVM one: the seed article still alerts, signed. Skipped where no Docker engine is.
 */
class KafkaImageTest {

    @Test
    void theSeedArticleAlertsOnTheOfficialKafkaImage() throws Exception {
        Docker.assumeEngine("KafkaImageTest (apache/kafka:" + Paths.kafkaVersion() + ")");
        try (KafkaContainer kafka = new KafkaContainer("apache/kafka:" + Paths.kafkaVersion())) {
            kafka.start();
            createTopicsAsComposeDoes(kafka.getBootstrapServers());
            try (RunningSystem system = new RunningSystem(kafka.getBootstrapServers())) {
                system.subscribeAndAddTheFeed();
                WebhookReceiver.Delivery alert = system.firstAlert();
                assertThat(alert.verified()).as(alert.rejection()).isTrue();
                JsonNode article = Api.JSON.readTree(alert.body()).path("data").path("article");
                assertThat(article.path("title").asText()).isEqualTo(RunningSystem.SEED_TITLE);
            }
        }
    }

    private static void createTopicsAsComposeDoes(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> topics = Topics.ALL.stream().map(d -> new NewTopic(d.name(), d.partitions(), (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, d.compacted() ? "compact" : "delete"))).toList();
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
    }
}
