package io.newsalert.soak.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When the system could not take in what the feeds showed (ingest-service down, or the broker down
 * so that a poll could not be published): a revision served only then may never be seen, and that
 * is not a loss. Intervals as the fault runner measured them, from the kill to ready again.
 */
public final class Outages {

    public record Interval(String what, Instant from, Instant until) {}

    private final List<Interval> intervals = new ArrayList<>();

    public synchronized void add(String what, Instant from, Instant until) {
        intervals.add(new Interval(what, from, until));
    }

    public synchronized List<Interval> all() {
        return List.copyOf(intervals);
    }

    /** How much of [from, until) the system could see: the span less its overlap with any outage. */
    public synchronized Duration seen(Instant from, Instant until) {
        if (!until.isAfter(from)) {
            return Duration.ZERO;
        }
        // Merge overlapping outages clipped to the span, then subtract.
        List<Instant[]> clipped = new ArrayList<>();
        for (Interval i : intervals) {
            Instant a = i.from().isAfter(from) ? i.from() : from;
            Instant b = i.until().isBefore(until) ? i.until() : until;
            if (b.isAfter(a)) {
                clipped.add(new Instant[] {a, b});
            }
        }
        clipped.sort((x, y) -> x[0].compareTo(y[0]));
        Duration down = Duration.ZERO;
        Instant end = from;
        for (Instant[] c : clipped) {
            Instant a = c[0].isAfter(end) ? c[0] : end;
            if (c[1].isAfter(a)) {
                down = down.plus(Duration.between(a, c[1]));
                end = c[1];
            }
        }
        return Duration.between(from, until).minus(down);
    }
}
