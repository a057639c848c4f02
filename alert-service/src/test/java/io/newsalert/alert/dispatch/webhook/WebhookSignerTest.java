package io.newsalert.alert.dispatch.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void matchesTheStandardWebhooksReferenceVector() {
        // The example from the Standard Webhooks specification and its reference libraries.
        String signature = WebhookSigner.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void anyChangeToIdTimestampOrBodyChangesTheSignature() {
        String secret = WebhookSigner.newSecret();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String base = WebhookSigner.sign(secret, "msg_1", 100, body);
        assertThat(WebhookSigner.sign(secret, "msg_2", 100, body)).isNotEqualTo(base);
        assertThat(WebhookSigner.sign(secret, "msg_1", 101, body)).isNotEqualTo(base);
        assertThat(WebhookSigner.sign(secret, "msg_1", 100, "{ }".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(base);
        assertThat(WebhookSigner.sign(WebhookSigner.newSecret(), "msg_1", 100, body)).isNotEqualTo(base);
    }

    @Test
    void newSecretsAreWhsecWith32RandomBytes() {
        String secret = WebhookSigner.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(WebhookSigner.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void aMissingOrMalformedSecretIsAClearError() {
        assertThatThrownBy(() -> WebhookSigner.sign(null, "m", 1, new byte[0]))
                .hasMessageContaining("no signing secret");
        assertThatThrownBy(() -> WebhookSigner.sign("whsec_not base64!", "m", 1, new byte[0]))
                .hasMessageContaining("not whsec_ followed by base64");
    }
}
