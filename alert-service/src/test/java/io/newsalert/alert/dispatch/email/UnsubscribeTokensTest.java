package io.newsalert.alert.dispatch.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnsubscribeTokensTest {

    private final UnsubscribeTokens tokens = new UnsubscribeTokens("server-secret");

    @Test
    void aTokenNamesItsSubscriptionAndAddress() {
        String token = tokens.tokenFor("sub-1", "anna@example.org");
        assertThat(tokens.read(token)).contains(new UnsubscribeTokens.Target("sub-1", "anna@example.org"));
    }

    @Test
    void forgedAlteredOrForeignTokensAreRefused() {
        String token = tokens.tokenFor("sub-1", "anna@example.org");
        String otherPayload = new UnsubscribeTokens("x").tokenFor("sub-2", "anna@example.org").split("\\.")[0];
        assertThat(tokens.read(otherPayload + "." + token.split("\\.")[1])).isEmpty();
        assertThat(new UnsubscribeTokens("another-secret").read(token)).isEmpty();
        assertThat(tokens.read(token.substring(0, token.length() - 2))).isEmpty();
        assertThat(tokens.read("garbage")).isEmpty();
        assertThat(tokens.read("%%%.%%%")).isEmpty();
        assertThat(tokens.read(null)).isEmpty();
    }
}
