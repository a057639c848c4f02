package io.newsalert.alert.match;

import io.newsalert.events.EnrichedArticle;
import io.newsalert.events.EventSerdes;
import io.newsalert.events.Match;
import io.newsalert.events.SchemaVersion;
import io.newsalert.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes one {@link Match} per (subscription, article revision) to {@code alerts.matches}, keyed by
 * subscription id, and returns only when Kafka has them all — so the article's offset is committed
 * after its matches are safe (at least once; delivery dedupes per (subscription, article)).
 *
 * <p>A later revision of an article whose match is unchanged (same spans) is not published again,
 * nor is a re-delivered revision: this instance remembers the last
 * {@code newsalert.match.remembered} (subscription, article) pairs. Articles are partitioned by
 * id, so the same instance sees an article's revisions; after a restart or rebalance the memory
 * is empty and such a match is published once more (delivery still dedupes it).
 */
@ApplicationScoped
public class MatchPublisher {

    private final String bootstrapServers;
    private final Map<String, Integer> published;
    private KafkaProducer<String, Match> producer;

    public MatchPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "newsalert.match.remembered", defaultValue = "100000") int remembered) {
        this.bootstrapServers = bootstrapServers;
        this.published = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > remembered;
            }
        };
    }

    void onStart(@Observes StartupEvent event) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new EventSerdes.MatchSerde());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** @return the matches written (those not already published unchanged) */
    public List<Match> publish(EnrichedArticle article, List<SubscriptionMatcher.Result> results) {
        Instant now = Instant.now();
        var raw = article.article();
        List<Match> fresh = new ArrayList<>();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (SubscriptionMatcher.Result r : results) {
            String pair = r.subscription().id() + "/" + article.id();
            int fingerprint = r.spans().hashCode();
            synchronized (published) {
                Integer before = published.get(pair);
                if (before != null && before == fingerprint) {
                    continue;
                }
            }
            Match match = new Match(SchemaVersion.CURRENT, r.subscription().id(), article.id(), raw.revision(), raw.title(),
                    raw.link(), raw.feedId(), article.language(), r.snippet(), r.spans(), article.entities(),
                    article.topics(), raw.published(), raw.fetched(), now);
            sent.add(producer.send(new ProducerRecord<>(Topics.MATCHES, match.subscriptionId(), match)));
            fresh.add(match);
        }
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot write the match of " + fresh.get(i).subscriptionId() + " on article "
                        + article.id() + ": " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka did not acknowledge a match on article " + article.id() + " within 30 s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing matches of article " + article.id(), e);
            }
        }
        synchronized (published) {
            for (Match m : fresh) {
                published.put(m.subscriptionId() + "/" + m.articleId(), m.spans().hashCode());
            }
        }
        return fresh;
    }
}
