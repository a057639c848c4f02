package io.newsalert.alert.dispatch.email;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token in an e-mail's unsubscribe link: which subscription and address, signed with a server
 * secret (HMAC-SHA256), so that following the link needs no login and a forged or altered token is
 * refused.
 */
public final class UnsubscribeTokens {

    /** What a valid token names. */
    public record Target(String subscriptionId, String address) {}

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

    private final byte[] secret;

    public UnsubscribeTokens(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("unsubscribe tokens need a non-empty secret");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String tokenFor(String subscriptionId, String address) {
        byte[] payload = (subscriptionId + "\n" + address).getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(payload) + "." + B64.encodeToString(mac(payload));
    }

    /** The subscription and address a token names, or empty when it is malformed or not ours. */
    public Optional<Target> read(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = UNB64.decode(token.substring(0, dot));
            byte[] signature = UNB64.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(payload))) {
                return Optional.empty();
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", 2);
            return parts.length == 2 ? Optional.of(new Target(parts[0], parts[1])) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update("unsubscribe:".getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
