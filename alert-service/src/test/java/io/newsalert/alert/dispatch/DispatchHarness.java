package io.newsalert.alert.dispatch;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsalert.alert.dispatch.retry.RetryPolicy;
import io.newsalert.alert.dispatch.webhook.WebhookSender;
import io.newsalert.alert.dispatch.webhook.WebhookSigner;
import io.newsalert.alert.dispatch.webhook.WebhookTargetGuard;
import io.newsalert.events.Channel;
import io.newsalert.events.DeliveryOutcome;
import io.newsalert.events.EventSerdes;
import io.newsalert.events.Frequency;
import io.newsalert.events.Match;
import io.newsalert.events.SchemaVersion;
import io.newsalert.events.Span;
import io.newsalert.events.Subscription;
import io.newsalert.localkafka.SharedBroker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One isolated delivery set-up on the shared in-JVM broker: its own topics and consumer group, a
 * subscription table, and dispatchers that can be started, stopped and started again over the
 * same topics (a restart of alert-service's delivery).
 */
final class DispatchHarness implements AutoCloseable {

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String matches = "test.matches." + run;
    final String deliveries = "test.deliveries." + run;
    final String dlq = "test.dlq." + run;
    final String ledger = "test.ledger." + run;
    final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final List<Dispatcher> started = new ArrayList<>();
    {
        // alerts.matches has six partitions in production (Topics.ALL); so does the test's.
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", SharedBroker.get().bootstrapServers()))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(matches, 6, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + matches, e);
        }
    }

    private final KafkaProducer<String, Match> producer = new KafkaProducer<>(
            Map.of("bootstrap.servers", SharedBroker.get().bootstrapServers(), "acks", "all"),
            new StringSerializer(), new EventSerdes.MatchSerde());

    List<Duration> schedule = List.of(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
    List<String> allow = List.of("127.0.0.0/8");
    Duration webhookTimeout = Duration.ofSeconds(1);
    int rateLimitMax = 1000;
    int breakerThreshold = 5;
    Duration breakerOpenFor = Duration.ofMillis(300);
    Clock clock = Clock.systemUTC();

    Dispatcher start() {
        DispatchSettings settings = new DispatchSettings(SharedBroker.get().bootstrapServers(), matches, deliveries, dlq, ledger,
                "dispatch-" + run, new RetryPolicy(schedule, 0.2, Duration.ofSeconds(5)), 4, 100, breakerThreshold,
                breakerOpenFor, rateLimitMax, Duration.ofMinutes(1), Duration.ofMillis(100), Duration.ofDays(8));
        WebhookSender webhooks = new WebhookSender(new WebhookTargetGuard(allow), Duration.ofSeconds(1), webhookTimeout,
                Clock.systemUTC());
        Dispatcher d = new Dispatcher(settings, id -> Optional.ofNullable(subscriptions.get(id)),
                Map.of(Channel.ChannelType.webhook, webhooks), registry, clock);
        d.start();
        started.add(d);
        return d;
    }

    Subscription webhookSubscription(String name, String url, String secret, Frequency frequency, String timezone) {
        Subscription s = new Subscription(SchemaVersion.CURRENT, name + "-" + run, "owner", name, "Truppenabzug",
                List.of(Channel.webhook(url, secret)), frequency, timezone, List.of(), List.of(), true, Instant.now());
        subscriptions.put(s.id(), s);
        return s;
    }

    static String secret() {
        return WebhookSigner.newSecret();
    }

    static Match match(Subscription s, String articleId, int revision) {
        Instant now = Instant.now();
        return new Match(SchemaVersion.CURRENT, s.id(), articleId, revision, "Abzug russischer Truppen " + articleId,
                "https://example.org/" + articleId, "tagesschau", "de", "… der «Abzug russischer Truppen» …",
                List.of(new Span("text", 4, 28, "Truppenabzug")), List.of(), List.of(), now.minusSeconds(60),
                now.minusMillis(50), now);
    }

    void produce(Match m) throws Exception {
        producer.send(new ProducerRecord<>(matches, m.subscriptionId(), m)).get(30, TimeUnit.SECONDS);
    }

    List<DeliveryOutcome> outcomes(String topic) {
        try (KafkaConsumer<String, DeliveryOutcome> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.get().bootstrapServers()),
                new StringDeserializer(), new EventSerdes.DeliveryOutcomeSerde())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<DeliveryOutcome> all = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while (end.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, DeliveryOutcome> r : c.poll(Duration.ofMillis(100))) {
                    all.add(r.value());
                }
            }
            return all;
        }
    }

    void stopAll() {
        for (Dispatcher d : started) {
            d.close();
        }
        started.clear();
    }

    @Override
    public void close() {
        stopAll();
        producer.close(Duration.ofSeconds(5));
    }
}
