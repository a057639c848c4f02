package io.newsalert.soak.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many owed pairs alert-service's rate limit would fold into the hourly digest, which a run
 * cannot wait for: per subscription, in order of the time its article became visible, a pair is
 * over the limit when {@code max} pairs already went out within the window before it (the
 * dispatcher counts the same way, on the fetch time, which trails visibility by at most a poll).
 * The query maker keeps queries rare enough that this is zero or next to it; the report says so,
 * and a "lost" count that matches it is the digest's, not a loss.
 */
public final class RateLimitCheck {

    /** Pairs over the limit, and the subscriptions they belong to. */
    public record Result(int pairsOver, int subscriptionsOver) {}

    private RateLimitCheck() {}

    public static Result check(Map<Pair, Instant> owed, int max, Duration window) {
        Map<String, List<Instant>> bySubscription = new HashMap<>();
        owed.forEach((p, visible) -> bySubscription.computeIfAbsent(p.subscriptionId(), k -> new ArrayList<>()).add(visible));
        int pairsOver = 0;
        int subscriptionsOver = 0;
        for (List<Instant> times : bySubscription.values()) {
            times.sort(null);
            ArrayDeque<Instant> sent = new ArrayDeque<>();
            int over = 0;
            for (Instant t : times) {
                while (!sent.isEmpty() && !sent.peekFirst().isAfter(t.minus(window))) {
                    sent.pollFirst();
                }
                if (sent.size() >= max) {
                    over++;
                } else {
                    sent.addLast(t);
                }
            }
            pairsOver += over;
            subscriptionsOver += over > 0 ? 1 : 0;
        }
        return new Result(pairsOver, subscriptionsOver);
    }
}
