package io.newsalert.alert.auth;

import io.newsalert.events.JsonSerde;
import io.newsalert.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The API keys: the admin key from configuration, and the keys the admin created, kept as hashes in
 * the compacted {@code alerts.keys}. Every instance reads the whole topic and follows it, so a key
 * created or revoked on one instance works (or stops working) on all; a write returns once this
 * instance has read it back.
 */
@ApplicationScoped
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonSerde<ApiKey> SERDE = JsonSerde.of(ApiKey.class);

    /** A key created just now: the secret is in this answer only. */
    public record Created(ApiKey key, String secret) {}

    private final String bootstrapServers;
    private final byte[] adminKeyHash;
    private final Map<String, ApiKey> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByHash = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Object progress = new Object();
    private volatile long consumedUpTo = -1;
    private KafkaProducer<String, ApiKey> producer;
    private KafkaConsumer<String, ApiKey> consumer;
    private Thread reader;
    private volatile boolean running;

    public ApiKeys(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "newsalert.admin-key") Optional<String> adminKey) {
        this.bootstrapServers = bootstrapServers;
        this.adminKeyHash = adminKey.filter(k -> !k.isBlank()).map(k -> sha256(k.strip())).orElse(null);
        if (adminKeyHash == null) {
            LOG.warn("newsalert.admin-key (NEWSALERT_ADMIN_KEY) is not set: no admin, and no API keys can be created");
        }
    }

    void onStart(@Observes StartupEvent event) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), SERDE);
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), SERDE);
        running = true;
        reader = new Thread(this::readForever, "api-keys");
        reader.setDaemon(true);
        reader.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** The id of the key this secret belongs to, or empty when it is no key. */
    public Optional<String> authenticate(String secret) {
        byte[] hash = sha256(secret);
        if (adminKeyHash != null && MessageDigest.isEqual(hash, adminKeyHash)) {
            return Optional.of(Caller.ADMIN);
        }
        if (caughtUp.getCount() > 0) {
            // Right after start-up the topic may not be read yet; wait briefly rather than refuse a good key.
            try {
                caughtUp.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Optional.ofNullable(idByHash.get(HexFormat.of().formatHex(hash)));
    }

    public Collection<ApiKey> all() {
        return List.copyOf(byId.values());
    }

    public Optional<ApiKey> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Creates a key; its secret ({@code nak_…}) is returned here and never again. */
    public Created create(String name) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = "nak_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byte[] idBytes = new byte[8];
        RANDOM.nextBytes(idBytes);
        ApiKey key = new ApiKey("key_" + HexFormat.of().formatHex(idBytes), name,
                HexFormat.of().formatHex(sha256(secret)), Instant.now());
        writeAndAwait(key.id(), key);
        return new Created(key, secret);
    }

    /** Revokes a key with a tombstone; its subscriptions stay (the admin still sees them). */
    public void revoke(String id) {
        writeAndAwait(id, null);
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private void writeAndAwait(String id, ApiKey value) {
        try {
            RecordMetadata written = producer.send(new ProducerRecord<>(Topics.API_KEYS, id, value)).get(30, TimeUnit.SECONDS);
            long deadline = System.currentTimeMillis() + 30_000;
            synchronized (progress) {
                while (consumedUpTo < written.offset()) {
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        throw new IllegalStateException("API key " + id + " was written but not read back within 30 s");
                    }
                    progress.wait(left);
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot store API key " + id + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge API key " + id + " within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing API key " + id, e);
        }
    }

    private void readForever() {
        try {
            // alerts.keys has one partition by design (Topics.ALL): keys are few, order is total.
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.API_KEYS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> endAtStart = new HashMap<>(consumer.endOffsets(partitions));
            while (running) {
                for (ConsumerRecord<String, ApiKey> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record.key(), record.value());
                }
                synchronized (progress) {
                    consumedUpTo = consumer.position(partitions.get(0)) - 1;
                    progress.notifyAll();
                }
                if (caughtUp.getCount() > 0
                        && endAtStart.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                    LOG.infof("API keys caught up: %d keys", byId.size());
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("API key reader woken up while running", e);
            }
        } catch (RuntimeException e) {
            LOG.error("API key reader stopped: new and revoked keys are not seen until restart", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(String id, ApiKey now) {
        ApiKey before = now == null ? byId.remove(id) : byId.put(id, now);
        if (before != null) {
            idByHash.remove(before.sha256());
        }
        if (now != null) {
            idByHash.put(now.sha256(), id);
        }
    }
}
