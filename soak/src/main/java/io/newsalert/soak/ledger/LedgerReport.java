package io.newsalert.soak.ledger;

import java.util.List;

/**
 * The outcome of the ledger check.
 *
 * @param expected pairs that must be delivered
 * @param delivered of those, how many the subscribers got (at least once)
 * @param lost expected pairs never delivered
 * @param duplicated pairs the subscriber got under more than one delivery id: duplicates even for a
 *     receiver that deduplicates on {@code webhook-id} as the README tells it to
 * @param redelivered calls beyond the first with a delivery id already received (the design allows
 *     them after a crash or a timeout; a deduplicating receiver drops them)
 * @param receipts every verified alert received (raw count)
 * @param distinctPairs distinct pairs received
 * @param unexpected distinct pairs received that no revision of the article should have matched
 * @param tolerated distinct pairs received that only a briefly served revision matched
 * @param digested alerts that came inside a digest instead of immediately
 * @param unverified calls whose signature did not check out (not counted as delivered)
 * @param latenciesMs feed item visible → first receipt, for every delivered expected pair, sorted
 * @param lostSamples a few lost pairs, for diagnosis
 * @param duplicatedSamples a few duplicated pairs
 * @param unexpectedSamples a few unexpected pairs
 */
public record LedgerReport(int expected, int delivered, int lost, int duplicated, int redelivered, int receipts, int distinctPairs,
        int unexpected, int tolerated, int digested, int unverified, long[] latenciesMs, List<Pair> lostSamples,
        List<Pair> duplicatedSamples, List<Pair> unexpectedSamples) {

    /** The q-quantile (0..1) of the latencies, nearest rank; -1 when nothing was delivered. */
    public long latencyMs(double q) {
        if (latenciesMs.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(q * latenciesMs.length);
        return latenciesMs[Math.max(0, Math.min(latenciesMs.length - 1, rank - 1))];
    }

    /** The one line soak.sh ends with. */
    public String summaryLine() {
        return "lost=" + lost + " duplicated=" + duplicated + " delivered=" + delivered + " expected=" + expected
                + " p50_ms=" + latencyMs(0.50) + " p99_ms=" + latencyMs(0.99);
    }
}
