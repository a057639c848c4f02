/**
 * Webhook delivery: the JSON body ({@link io.newsalert.alert.dispatch.webhook.WebhookPayloads}), its
 * Standard Webhooks signature ({@link io.newsalert.alert.dispatch.webhook.WebhookSigner}), the SSRF
 * guard ({@link io.newsalert.alert.dispatch.webhook.WebhookTargetGuard}) and the HTTP call
 * ({@link io.newsalert.alert.dispatch.webhook.WebhookSender}).
 *
 * <h2>How a receiver verifies a call</h2>
 *
 * Every call carries {@code webhook-id} (the same for every retry of one alert: deduplicate on it),
 * {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature} ({@code v1,} + base64
 * HMAC-SHA256). The signed content is {@code id + "." + timestamp + "." + rawBody}; the key is the
 * base64-decoded part of the subscription's secret after {@code whsec_}. Verify over the raw body
 * bytes (before any JSON parsing), compare in constant time, and refuse timestamps more than five
 * minutes away from now. Any Standard Webhooks library does this ({@code new Webhook(secret).verify(body, headers)});
 * by hand, in Java:
 *
 * <pre>{@code
 * static boolean verify(String secret, String id, String timestamp, byte[] body, String signatureHeader)
 *         throws Exception {
 *     if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
 *         return false; // too old or from the future: a replay
 *     }
 *     Mac mac = Mac.getInstance("HmacSHA256");
 *     mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
 *     mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
 *     byte[] expected = mac.doFinal(body);
 *     for (String candidate : signatureHeader.split(" ")) { // space-separated, for key rotation
 *         if (candidate.startsWith("v1,")
 *                 && MessageDigest.isEqual(Base64.getDecoder().decode(candidate.substring(3)), expected)) {
 *             return true;
 *         }
 *     }
 *     return false;
 * }
 * }</pre>
 *
 * In Python: {@code base64.b64encode(hmac.new(base64.b64decode(secret[6:]), f"{id}.{ts}.".encode() + body,
 * hashlib.sha256).digest())} must equal the part after {@code v1,}.
 */
package io.newsalert.alert.dispatch.webhook;
