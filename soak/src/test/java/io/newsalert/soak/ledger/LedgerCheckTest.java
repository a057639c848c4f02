package io.newsalert.soak.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.soak.receiver.Receipt;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LedgerCheckTest {

    private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");

    private static Receipt got(String sub, String article, String deliveryId, long atMs) {
        return new Receipt(sub, article, 1, deliveryId, deliveryId, false, true, T.plusMillis(atMs));
    }

    @Test
    void everyExpectedPairOnceIsClean() {
        Expectation e = new Expectation(Map.of(new Pair("s1", "a1"), T, new Pair("s2", "a1"), T.plusMillis(100)), Set.of());
        LedgerReport r = LedgerCheck.check(e, List.of(got("s1", "a1", "d1", 1500), got("s2", "a1", "d2", 600)));

        assertThat(r.summaryLine()).isEqualTo("lost=0 duplicated=0 delivered=2 expected=2 p50_ms=500 p99_ms=1500");
        assertThat(r.unexpected()).isZero();
        assertThat(r.redelivered()).isZero();
    }

    @Test
    void aMissingPairIsLostAndNamed() {
        Expectation e = new Expectation(Map.of(new Pair("s1", "a1"), T, new Pair("s1", "a2"), T), Set.of());
        LedgerReport r = LedgerCheck.check(e, List.of(got("s1", "a1", "d1", 10)));

        assertThat(r.lost()).isEqualTo(1);
        assertThat(r.delivered()).isEqualTo(1);
        assertThat(r.lostSamples()).containsExactly(new Pair("s1", "a2"));
    }

    @Test
    void theSameDeliveryIdTwiceIsARedeliveryNotADuplicate() {
        Expectation e = new Expectation(Map.of(new Pair("s1", "a1"), T), Set.of());
        LedgerReport r = LedgerCheck.check(e, List.of(got("s1", "a1", "d1", 10), got("s1", "a1", "d1", 20)));

        assertThat(r.duplicated()).isZero();
        assertThat(r.redelivered()).isEqualTo(1);
        assertThat(r.receipts()).isEqualTo(2);
        assertThat(r.latencyMs(0.99)).isEqualTo(10);
    }

    @Test
    void twoDeliveryIdsForOnePairAreADuplicate() {
        Expectation e = new Expectation(Map.of(new Pair("s1", "a1"), T), Set.of());
        LedgerReport r = LedgerCheck.check(e, List.of(got("s1", "a1", "d1", 10), got("s1", "a1", "d9", 20)));

        assertThat(r.duplicated()).isEqualTo(1);
        assertThat(r.duplicatedSamples()).containsExactly(new Pair("s1", "a1"));
    }

    @Test
    void deliveriesNobodyAskedForAreUnexpectedButBrieflyServedOnesAreTolerated() {
        Expectation e = new Expectation(Map.of(new Pair("s1", "a1"), T), Set.of(new Pair("s2", "a1")));
        LedgerReport r = LedgerCheck.check(e, List.of(got("s1", "a1", "d1", 10), got("s2", "a1", "d2", 10), got("s3", "a1", "d3", 10)));

        assertThat(r.unexpected()).isEqualTo(1);
        assertThat(r.unexpectedSamples()).containsExactly(new Pair("s3", "a1"));
        assertThat(r.tolerated()).isEqualTo(1);
        assertThat(r.expected()).isEqualTo(1);
    }

    @Test
    void anUnverifiedCallDeliversNothing() {
        Expectation e = new Expectation(Map.of(new Pair("s1", "a1"), T), Set.of());
        Receipt forged = new Receipt("s1", "a1", 1, "d1", "d1", false, false, T.plusMillis(5));
        LedgerReport r = LedgerCheck.check(e, List.of(forged));

        assertThat(r.lost()).isEqualTo(1);
        assertThat(r.unverified()).isEqualTo(1);
    }

    @Test
    void aPairOwedByOneRevisionIsNotAlsoMerelyTolerated() {
        Expectation.Builder b = new Expectation.Builder();
        Pair p = new Pair("s1", "a1");
        b.matched(p, T.plusSeconds(50), false);
        b.matched(p, T.plusSeconds(60), true);
        b.matched(p, T, true);
        Expectation e = b.build();

        assertThat(e.must()).containsEntry(p, T);
        assertThat(e.may()).isEmpty();
    }

    @Test
    void percentilesAreNearestRank() {
        long[] l = new long[100];
        for (int i = 0; i < 100; i++) {
            l[i] = i + 1;
        }
        LedgerReport r = new LedgerReport(100, 100, 0, 0, 0, 100, 100, 0, 0, 0, 0, l, List.of(), List.of(), List.of());
        assertThat(r.latencyMs(0.5)).isEqualTo(50);
        assertThat(r.latencyMs(0.99)).isEqualTo(99);
        assertThat(r.latencyMs(1.0)).isEqualTo(100);
    }

    @Test
    void aWindowCountsOnlyThePairsWhoseArticleBecameVisibleInIt() {
        Expectation e = new Expectation(Map.of(
                new Pair("s1", "early"), T,
                new Pair("s1", "inside"), T.plusSeconds(60),
                new Pair("s2", "inside"), T.plusSeconds(61),
                new Pair("s1", "late"), T.plusSeconds(200)), Set.of());
        List<Receipt> receipts = List.of(
                got("s1", "early", "d1", 100),
                got("s1", "inside", "d2", 65_000), got("s1", "inside", "d3", 66_000),
                got("s1", "nobody-owed", "d4", 70_000),
                got("s1", "late", "d5", 201_000));

        LedgerReport window = LedgerCheck.check(e, receipts, T.plusSeconds(60), T.plusSeconds(120));

        assertThat(window.expected()).isEqualTo(2);
        assertThat(window.delivered()).isEqualTo(1);
        assertThat(window.lostSamples()).containsExactly(new Pair("s2", "inside"));
        assertThat(window.duplicatedSamples()).containsExactly(new Pair("s1", "inside"));
        assertThat(window.unexpectedSamples()).containsExactly(new Pair("s1", "nobody-owed"));
        assertThat(window.latencyMs(1.0)).isEqualTo(5_000);
        assertThat(LedgerCheck.check(e, receipts, T, T.plusSeconds(60)).summaryLine())
                .isEqualTo("lost=0 duplicated=0 delivered=1 expected=1 p50_ms=100 p99_ms=100");
    }
}
