package io.newsalert.alert.dispatch;

import io.newsalert.events.Channel;

/**
 * Sends one notification over one kind of channel. Never throws for a failing endpoint: every
 * failure is a {@link SendResult} whose verdict says whether to try again.
 */
public interface ChannelSender {

    SendResult send(Channel channel, Notification notification);

    /**
     * The endpoint a channel talks to, the unit of isolation: deliveries to one endpoint share a
     * bounded queue and a circuit breaker, and never hold up another endpoint.
     */
    String endpointOf(Channel channel);
}
