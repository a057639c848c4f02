package io.newsalert.soak.ledger;

import io.newsalert.soak.receiver.Receipt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compares what the subscribers received with what they should have received. Pure. */
public final class LedgerCheck {

    private static final int SAMPLES = 10;

    private LedgerCheck() {}

    public static LedgerReport check(Expectation expectation, List<Receipt> receipts) {
        Map<Pair, Instant> firstReceived = new HashMap<>();
        Map<Pair, Set<String>> deliveryIds = new HashMap<>();
        Set<String> seenDeliveryIds = new HashSet<>();
        int redelivered = 0;
        int verified = 0;
        int unverified = 0;
        int digested = 0;
        for (Receipt r : receipts) {
            if (!r.verified()) {
                unverified++;
                continue;
            }
            verified++;
            if (r.digest()) {
                digested++;
            }
            Pair p = new Pair(r.subscriptionId(), r.articleId());
            firstReceived.merge(p, r.received(), (a, b) -> a.isBefore(b) ? a : b);
            String id = r.deliveryId() != null ? r.deliveryId() : r.webhookId();
            deliveryIds.computeIfAbsent(p, k -> new HashSet<>()).add(id);
            if (!seenDeliveryIds.add(p.subscriptionId() + "|" + id)) {
                redelivered++;
            }
        }
        int delivered = 0;
        List<Pair> lost = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        for (Map.Entry<Pair, Instant> e : expectation.must().entrySet()) {
            Instant got = firstReceived.get(e.getKey());
            if (got == null) {
                lost.add(e.getKey());
            } else {
                delivered++;
                latencies.add(Math.max(0, Duration.between(e.getValue(), got).toMillis()));
            }
        }
        List<Pair> duplicated = new ArrayList<>();
        deliveryIds.forEach((p, ids) -> {
            if (ids.size() > 1) {
                duplicated.add(p);
            }
        });
        List<Pair> unexpected = new ArrayList<>();
        int tolerated = 0;
        for (Pair p : firstReceived.keySet()) {
            if (expectation.may().contains(p)) {
                tolerated++;
            } else if (!expectation.must().containsKey(p)) {
                unexpected.add(p);
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new LedgerReport(expectation.must().size(), delivered, lost.size(), duplicated.size(), redelivered, verified,
                firstReceived.size(), unexpected.size(), tolerated, digested, unverified, sorted, head(lost), head(duplicated),
                head(unexpected));
    }

    /**
     * The same check for one window of the run, e.g. one fault's: the expected pairs whose article
     * became visible in {@code [from, until)}, and the receipts of those pairs. A pair nobody owed is
     * counted in the window its first receipt fell in. Briefly served pairs ({@code may}) carry no time
     * and stay tolerated in every window.
     */
    public static LedgerReport check(Expectation expectation, List<Receipt> receipts, Instant from, Instant until) {
        Map<Pair, Instant> must = new HashMap<>();
        expectation.must().forEach((p, visible) -> {
            if (!visible.isBefore(from) && visible.isBefore(until)) {
                must.put(p, visible);
            }
        });
        Map<Pair, Instant> firstOfUnowed = new HashMap<>();
        for (Receipt r : receipts) {
            Pair p = new Pair(r.subscriptionId(), r.articleId());
            if (!expectation.must().containsKey(p)) {
                firstOfUnowed.merge(p, r.received(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        List<Receipt> inWindow = new ArrayList<>();
        for (Receipt r : receipts) {
            Pair p = new Pair(r.subscriptionId(), r.articleId());
            Instant unowedFirst = firstOfUnowed.get(p);
            if (must.containsKey(p) || (unowedFirst != null && !unowedFirst.isBefore(from) && unowedFirst.isBefore(until))) {
                inWindow.add(r);
            }
        }
        return check(new Expectation(must, expectation.may()), inWindow);
    }

    private static List<Pair> head(List<Pair> pairs) {
        return List.copyOf(pairs.subList(0, Math.min(SAMPLES, pairs.size())));
    }
}
