package io.newsalert.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    // The example of the Standard Webhooks reference libraries: any conforming sender signs it so.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String TIMESTAMP = "1614265330";
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final Instant THEN = Instant.ofEpochSecond(1614265330);

    @Test
    void signsTheReferenceExampleAsTheSpecificationDoes() {
        assertThat(new WebhookSignature(SECRET).sign(ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void acceptsTheReferenceExampleAlsoAmongOtherSignatures() {
        WebhookSignature check = new WebhookSignature(SECRET);
        assertThat(check.verify(ID, TIMESTAMP, SIGNATURE, BODY, THEN)).isNull();
        // Senders rotating secrets send several; one match is enough.
        assertThat(check.verify(ID, TIMESTAMP, "v1,Zm9vYmFy " + SIGNATURE, BODY, THEN.plusSeconds(60))).isNull();
    }

    @Test
    void refusesATamperedBodyIdOrTimestamp() {
        WebhookSignature check = new WebhookSignature(SECRET);
        assertThat(check.verify(ID, TIMESTAMP, SIGNATURE, "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8), THEN))
                .contains("no v1 signature");
        assertThat(check.verify("msg_other", TIMESTAMP, SIGNATURE, BODY, THEN)).contains("no v1 signature");
        assertThat(check.verify(ID, "1614265331", SIGNATURE, BODY, THEN)).contains("no v1 signature");
    }

    @Test
    void refusesAnotherSecret() {
        assertThat(new WebhookSignature("whsec_" + "QUJDREVGR0hJSktMTU5PUA==").verify(ID, TIMESTAMP, SIGNATURE, BODY, THEN))
                .contains("no v1 signature");
    }

    @Test
    void refusesAReplayOutsideTheTolerance() {
        assertThat(new WebhookSignature(SECRET).verify(ID, TIMESTAMP, SIGNATURE, BODY, THEN.plusSeconds(301)))
                .contains("away from now");
    }

    @Test
    void namesAMissingHeader() {
        WebhookSignature check = new WebhookSignature(SECRET);
        assertThat(check.verify(null, TIMESTAMP, SIGNATURE, BODY, THEN)).isEqualTo("missing webhook-id header");
        assertThat(check.verify(ID, "", SIGNATURE, BODY, THEN)).isEqualTo("missing webhook-timestamp header");
        assertThat(check.verify(ID, TIMESTAMP, null, BODY, THEN)).isEqualTo("missing webhook-signature header");
        assertThat(check.verify(ID, "yesterday", SIGNATURE, BODY, THEN)).contains("not a number");
    }

    @Test
    void refusesASecretThatIsNotBase64() {
        assertThatThrownBy(() -> new WebhookSignature("whsec_not base64!")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whsec_");
    }
}
