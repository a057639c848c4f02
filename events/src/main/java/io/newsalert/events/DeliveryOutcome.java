package io.newsalert.events;

import java.time.Instant;
import java.util.List;

/**
 * What became of one notification (value of {@code alerts.deliveries} and, when it gave up,
 * {@code alerts.dlq}; key = subscription id).
 */
public record DeliveryOutcome(
        int schemaVersion,
        String deliveryId,
        String subscriptionId,
        String articleId,
        Channel.ChannelType channel,
        Status status,
        List<Attempt> attempts,
        Instant at) {

    public enum Status { delivered, retrying, failed, dead }

    /** One try: when, and the endpoint's answer (HTTP status, or 0 with an error for no answer). */
    public record Attempt(Instant at, int httpStatus, String error) {}

    public DeliveryOutcome {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }
}
