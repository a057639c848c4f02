package io.newsalert.ingest.publish;

import io.newsalert.events.EventSerdes;
import io.newsalert.events.RawArticle;
import io.newsalert.events.Topics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The same contract as {@link ArticlePublisher} on a plain Kafka producer, for code that runs
 * outside Quarkus: the benchmark and the tests that start two ingest instances in one JVM.
 */
public final class KafkaArticleSink implements ArticleSink, AutoCloseable {

    private final KafkaProducer<String, RawArticle> producer;

    private final String topic;

    public KafkaArticleSink(String bootstrapServers, String clientId) {
        this(bootstrapServers, clientId, Topics.ARTICLES_RAW);
    }

    /** @param topic {@code news.articles.raw}; another name only to isolate a test or benchmark */
    public KafkaArticleSink(String bootstrapServers, String clientId, String topic) {
        this.topic = topic;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer = new KafkaProducer<>(p, new StringSerializer(), new EventSerdes.RawArticleSerde());
    }

    @Override
    public CompletionStage<Void> publish(RawArticle article) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic, article.id(), article), (meta, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
            } else {
                done.complete(null);
            }
        });
        return done;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
