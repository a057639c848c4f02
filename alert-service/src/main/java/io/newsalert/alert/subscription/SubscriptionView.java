package io.newsalert.alert.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.newsalert.events.Channel;
import io.newsalert.events.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A subscription as the API shows it. A webhook's secret is shown only in the answer that created
 * it (when the server generated or first received it); afterwards it is never shown again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionView(
        String id,
        String owner,
        String name,
        String query,
        String frequency,
        String timezone,
        List<String> languages,
        List<String> feeds,
        List<ChannelView> channels,
        boolean enabled,
        Instant created) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChannelView(String type, String url, String address, String secret) {}

    /** @param revealSecretsOf webhook URLs whose secret this answer shows (new ones) */
    public static SubscriptionView of(Subscription s, Set<String> revealSecretsOf) {
        List<ChannelView> channels = s.channels().stream()
                .map(c -> new ChannelView(c.type().name(), c.url(), c.address(),
                        c.type() == Channel.ChannelType.webhook && revealSecretsOf.contains(c.url()) ? c.secret() : null))
                .toList();
        return new SubscriptionView(s.id(), s.owner(), s.name(), s.query(), s.frequency().name(), s.timezone(),
                s.languages(), s.feeds(), channels, s.enabled(), s.created());
    }
}
