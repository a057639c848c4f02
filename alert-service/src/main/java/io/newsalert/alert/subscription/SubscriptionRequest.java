package io.newsalert.alert.subscription;

import java.util.List;

/**
 * A subscription as a client sends it (POST and PUT /api/subscriptions). Frequency and channel type
 * are strings so that a wrong value gets a message naming it, not a generic JSON error.
 */
public record SubscriptionRequest(
        String name,
        String query,
        String frequency,
        String timezone,
        List<String> languages,
        List<String> feeds,
        List<ChannelRequest> channels,
        Boolean enabled) {

    /** {"type": "webhook", "url", "secret"?} or {"type": "email", "address"}. */
    public record ChannelRequest(String type, String url, String secret, String address) {}
}
