package io.newsalert.rest.auth;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The check of a service that has only the admin key ({@code newsalert.admin-key}, from
 * {@code NEWSALERT_ADMIN_KEY}). Without a configured key the API is closed rather than open: a
 * forgotten setting must not expose the service. A service with keys of its own provides another
 * {@link KeyCheck} bean, which replaces this one.
 */
@DefaultBean
@ApplicationScoped
public class AdminKeyCheck implements KeyCheck {

    private final byte[] adminKey;

    public AdminKeyCheck(@ConfigProperty(name = "newsalert.admin-key", defaultValue = "") String adminKey) {
        this.adminKey = adminKey.strip().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Optional<String> refusal(String key) {
        if (adminKey.length == 0) {
            return Optional.of("no API key is configured on this server (set NEWSALERT_ADMIN_KEY); the API is closed");
        }
        // Constant-time comparison: the answer's timing must not tell how much of a guess was right.
        if (!MessageDigest.isEqual(adminKey, key.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("the API key is not valid");
        }
        return Optional.empty();
    }
}
