package io.newsalert.soak.ledger;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the subscribers should have got, per DESIGN.md's delivery semantics: one notification per
 * (subscription, article), whatever the number of revisions, feeds and polls.
 *
 * <ul>
 *   <li>{@code must}: some revision of the article matched the subscription (by alert-service's matcher,
 *       on enrich-service's analysis of that revision) and feeds served that revision long enough for the
 *       system to see it ({@code minVisible} of time outside outages). Value: when that revision became
 *       visible, the start of the latency.
 *   <li>{@code may}: matched only by revisions served too briefly (pushed out of every feed's window
 *       at once, or replaced, or served only while ingest or the broker was down): delivered or not,
 *       neither is a fault.
 * </ul>
 */
public record Expectation(Map<Pair, Instant> must, Set<Pair> may) {

    public Expectation {
        must = Map.copyOf(must);
        Set<Pair> m = new HashSet<>(may);
        m.removeAll(must.keySet());
        may = Set.copyOf(m);
    }

    /**
     * Without the given pairs among those that must be delivered (pairs held for a digest that was not
     * due before the run ended: {@link DigestHeld}); they are reported apart, not as lost.
     */
    public Expectation without(Set<Pair> pairs) {
        Map<Pair, Instant> left = new HashMap<>(must);
        left.keySet().removeAll(pairs);
        return new Expectation(left, may);
    }

    /** Collects matches revision by revision. */
    public static final class Builder {
        private final Map<Pair, Instant> must = new HashMap<>();
        private final Set<Pair> may = new HashSet<>();

        public synchronized void matched(Pair pair, Instant visible, boolean seenLongEnough) {
            if (seenLongEnough) {
                must.merge(pair, visible, (a, b) -> a.isBefore(b) ? a : b);
            } else {
                may.add(pair);
            }
        }

        public synchronized Expectation build() {
            return new Expectation(must, may);
        }
    }
}
