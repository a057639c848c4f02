package io.newsalert.alert.dispatch;

import io.newsalert.events.Match;
import io.newsalert.events.Subscription;
import java.time.Instant;
import java.util.List;

/**
 * What goes out over one channel in one try: one match (immediate), all matches of a digest period,
 * or a test event.
 *
 * @param id stable across retries of the same notification ({@code webhook-id}), so that a
 *     receiver can deduplicate: the match's delivery id, or {@code digest_…} for a digest period
 * @param periodStart the digest period, null unless {@code kind} is digest
 */
public record Notification(Kind kind, String id, Subscription subscription, List<Match> matches,
        Instant periodStart, Instant periodEnd) {

    public enum Kind { alert, digest, test }

    public Notification {
        matches = List.copyOf(matches);
    }

    public static Notification alert(Subscription subscription, Match match) {
        return new Notification(Kind.alert, match.deliveryId(), subscription, List.of(match), null, null);
    }

    /** The first (for an alert: the only) match. */
    public Match first() {
        return matches.get(0);
    }
}
