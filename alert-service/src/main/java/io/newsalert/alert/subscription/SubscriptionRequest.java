package io.newsalert.alert.subscription;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A subscription as a client sends it (POST and PUT /api/subscriptions). Frequency and channel type
 * are strings so that a wrong value gets a message naming it, not a generic JSON error. Unknown
 * fields are refused (a typo must not pass unnoticed), except the ones the server sets, so that what
 * a GET returned can be changed and PUT back as it is.
 */
@JsonIgnoreProperties({"id", "owner", "created"})
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
