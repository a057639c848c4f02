package io.newsalert.alert.dispatch.email;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Unsubscribe links as this service publishes them: {@code <public-url>/api/unsubscribe?token=…}.
 * The signing secret comes from {@code newsalert.delivery.unsubscribe-secret}, else the admin key;
 * with neither, a random one is made and links stop working at restart (logged).
 */
@ApplicationScoped
public class UnsubscribeLinks {

    private static final Logger LOG = Logger.getLogger(UnsubscribeLinks.class);

    private final UnsubscribeTokens tokens;
    private final String publicUrl;

    public UnsubscribeLinks(
            @ConfigProperty(name = "newsalert.delivery.public-url", defaultValue = "http://localhost:8083") String publicUrl,
            @ConfigProperty(name = "newsalert.delivery.unsubscribe-secret") Optional<String> secret,
            @ConfigProperty(name = "newsalert.admin-key") Optional<String> adminKey) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        String key = secret.filter(s -> !s.isBlank()).or(() -> adminKey.filter(s -> !s.isBlank())).orElse(null);
        if (key == null) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            key = Base64.getEncoder().encodeToString(random);
            LOG.warn("neither newsalert.delivery.unsubscribe-secret nor newsalert.admin-key is set: unsubscribe links"
                    + " in mails sent now will not work after a restart");
        }
        this.tokens = new UnsubscribeTokens(key);
    }

    public String linkFor(String subscriptionId, String address) {
        return publicUrl + "/api/unsubscribe?token=" + URLEncoder.encode(tokens.tokenFor(subscriptionId, address), StandardCharsets.UTF_8);
    }

    public Optional<UnsubscribeTokens.Target> read(String token) {
        return tokens.read(token);
    }
}
