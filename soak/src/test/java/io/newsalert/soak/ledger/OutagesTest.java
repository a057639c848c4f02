package io.newsalert.soak.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutagesTest {

    private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");

    @Test
    void withoutOutagesTheWholeSpanIsSeen() {
        assertThat(new Outages().seen(T, T.plusSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void overlappingOutagesAreSubtractedOnce() {
        Outages o = new Outages();
        o.add("ingest down", T.plusSeconds(10), T.plusSeconds(20));
        o.add("broker down", T.plusSeconds(15), T.plusSeconds(25));
        o.add("before", T.minusSeconds(100), T.minusSeconds(50));

        assertThat(o.seen(T, T.plusSeconds(30))).isEqualTo(Duration.ofSeconds(15));
        assertThat(o.seen(T.plusSeconds(12), T.plusSeconds(22))).isEqualTo(Duration.ZERO);
    }

    @Test
    void anEmptySpanIsNothing() {
        assertThat(new Outages().seen(T, T)).isEqualTo(Duration.ZERO);
    }
}
