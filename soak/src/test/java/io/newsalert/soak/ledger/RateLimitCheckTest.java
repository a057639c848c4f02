package io.newsalert.soak.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitCheckTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void pairsBeyondTheLimitWithinOneWindowAreCountedForTheirSubscription() {
        Map<Pair, Instant> owed = new HashMap<>();
        // s1: 5 articles within 10 s, limit 3 a minute: 2 over.
        for (int i = 0; i < 5; i++) {
            owed.put(new Pair("s1", "a" + i), T0.plusSeconds(2L * i));
        }
        // s2: 5 articles a minute apart: none over.
        for (int i = 0; i < 5; i++) {
            owed.put(new Pair("s2", "b" + i), T0.plusSeconds(61L * i));
        }
        RateLimitCheck.Result r = RateLimitCheck.check(owed, 3, Duration.ofMinutes(1));

        assertThat(r.pairsOver()).isEqualTo(2);
        assertThat(r.subscriptionsOver()).isEqualTo(1);
    }

    @Test
    void aWindowSlidesAndFoldedPairsDoNotCountAgainstLaterOnes() {
        Map<Pair, Instant> owed = new HashMap<>();
        // Sent at 0, 1; folded at 2 (limit 2); at 60.5 s the window holds only the one at 1 s: sent.
        owed.put(new Pair("s", "a"), T0);
        owed.put(new Pair("s", "b"), T0.plusSeconds(1));
        owed.put(new Pair("s", "c"), T0.plusSeconds(2));
        owed.put(new Pair("s", "d"), T0.plusMillis(60_500));
        RateLimitCheck.Result r = RateLimitCheck.check(owed, 2, Duration.ofMinutes(1));

        assertThat(r.pairsOver()).isEqualTo(1);
    }
}
