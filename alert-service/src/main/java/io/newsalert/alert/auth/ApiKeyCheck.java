package io.newsalert.alert.auth;

import io.newsalert.rest.auth.KeyCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * alert-service's keys for the shared bearer-key filter: the admin key and the keys made through
 * {@code /api/keys} (stored as hashes). Records who calls in {@link Caller}. {@code /api/unsubscribe}
 * is open: its links are signed tokens mailed to people without a key.
 */
@ApplicationScoped
public class ApiKeyCheck implements KeyCheck {

    @Inject
    ApiKeys keys;

    @Inject
    Caller caller;

    @Override
    public Optional<String> refusal(String key) {
        Optional<String> keyId = keys.authenticate(key);
        if (keyId.isEmpty()) {
            return Optional.of("the API key is not valid");
        }
        caller.authenticatedAs(keyId.get());
        return Optional.empty();
    }

    @Override
    public boolean isPublic(String path) {
        return path.equals("/api/unsubscribe");
    }
}
