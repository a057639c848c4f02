package io.newsalert.events;

import java.time.Instant;
import java.util.List;

/**
 * A subscriber's standing query (value of the compacted {@code alerts.subscriptions}, key = id).
 *
 * @param owner the id of the API key that created it; only that key (or the admin) sees it
 * @param timezone IANA zone for digests, e.g. {@code Europe/Berlin}
 * @param languages only articles in these languages (empty = any)
 * @param feeds only articles from these feed ids (empty = any)
 */
public record Subscription(
        int schemaVersion,
        String id,
        String owner,
        String name,
        String query,
        List<Channel> channels,
        Frequency frequency,
        String timezone,
        List<String> languages,
        List<String> feeds,
        boolean enabled,
        Instant created) {

    public Subscription {
        channels = channels == null ? List.of() : List.copyOf(channels);
        languages = languages == null ? List.of() : List.copyOf(languages);
        feeds = feeds == null ? List.of() : List.copyOf(feeds);
        frequency = frequency == null ? Frequency.immediate : frequency;
        timezone = timezone == null ? "Europe/Berlin" : timezone;
    }
}
