package io.newsalert.alert.auth;

import io.newsalert.alert.table.CompactedTopicTable;
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
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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

    private final byte[] adminKeyHash;
    private final CompactedTopicTable<ApiKey> table;
    private final Map<String, String> idByHash = new ConcurrentHashMap<>();

    public ApiKeys(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "newsalert.admin-key") Optional<String> adminKey) {
        this.adminKeyHash = adminKey.filter(k -> !k.isBlank()).map(k -> sha256(k.strip())).orElse(null);
        if (adminKeyHash == null) {
            LOG.warn("newsalert.admin-key (NEWSALERT_ADMIN_KEY) is not set: no admin, and no API keys can be created");
        }
        // alerts.keys has one partition by design (Topics.ALL): keys are few, order is total.
        this.table = new CompactedTopicTable<>(bootstrapServers, Topics.API_KEYS, SERDE, "API key");
        this.table.addListener(this::index);
    }

    void onStart(@Observes StartupEvent event) {
        table.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        table.close();
    }

    /** The id of the key this secret belongs to, or empty when it is no key. */
    public Optional<String> authenticate(String secret) {
        byte[] hash = sha256(secret);
        if (adminKeyHash != null && MessageDigest.isEqual(hash, adminKeyHash)) {
            return Optional.of(Caller.ADMIN);
        }
        if (!table.isCaughtUp()) {
            // Right after start-up the topic may not be read yet; wait briefly rather than refuse a good key.
            try {
                table.awaitCaughtUp(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Optional.ofNullable(idByHash.get(HexFormat.of().formatHex(hash)));
    }

    public Collection<ApiKey> all() {
        return table.values();
    }

    public Optional<ApiKey> get(String id) {
        return table.get(id);
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
        table.put(key.id(), key);
        return new Created(key, secret);
    }

    /** Revokes a key with a tombstone; its subscriptions stay (the admin still sees them). */
    public void revoke(String id) {
        table.delete(id);
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Keeps the hash → id index in step with the table. */
    private void index(String id, ApiKey now) {
        idByHash.values().remove(id);
        if (now != null) {
            idByHash.put(now.sha256(), id);
        }
    }
}
