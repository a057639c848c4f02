package io.newsalert.localrun;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The receiver's side of the Standard Webhooks signature, written from the specification and not
 * from the sender's code, so that it checks the sender rather than repeating it: the
 * {@code webhook-signature} header holds one or more space-separated {@code v1,<base64>} entries,
 * each an HMAC-SHA256 with the secret's bytes over {@code id + "." + timestamp + "." + body}; the
 * secret is {@code whsec_} followed by the base64 of those bytes.
 */
public final class WebhookSignature {

    /** How far a timestamp may be from now before the call is refused as a replay. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final byte[] key;
    private final Duration tolerance;

    public WebhookSignature(String secret, Duration tolerance) {
        this.key = secretBytes(secret);
        this.tolerance = tolerance;
    }

    public WebhookSignature(String secret) {
        this(secret, DEFAULT_TOLERANCE);
    }

    /** Decodes {@code whsec_<base64>}; a secret without the prefix is taken as base64 too. */
    public static byte[] secretBytes(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the webhook secret is empty");
        }
        String b64 = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        try {
            return Base64.getDecoder().decode(b64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the webhook secret is not whsec_ followed by base64: " + e.getMessage(), e);
        }
    }

    /** {@code v1,} + base64(HMAC-SHA256(key, id.timestamp.body)). */
    public String sign(String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Checks the three headers against the body.
     *
     * @return null when the call is authentic, else the reason it is not (for the receiver's log)
     */
    public String verify(String id, String timestamp, String signatureHeader, byte[] body, Instant now) {
        if (id == null || id.isBlank()) {
            return "missing webhook-id header";
        }
        if (timestamp == null || timestamp.isBlank()) {
            return "missing webhook-timestamp header";
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return "missing webhook-signature header";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "webhook-timestamp is not a number of seconds: " + timestamp;
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(seconds), now).abs();
        if (skew.compareTo(tolerance) > 0) {
            return "webhook-timestamp is " + skew.toSeconds() + " s away from now (tolerance " + tolerance.toSeconds() + " s)";
        }
        byte[] expected = sign(id, timestamp.trim(), body).getBytes(StandardCharsets.US_ASCII);
        for (String candidate : signatureHeader.trim().split(" +")) {
            // Constant time, so a forger learns nothing from how long a wrong guess took.
            if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII))) {
                return null;
            }
        }
        return "no v1 signature in webhook-signature matches the body";
    }
}
