package io.newsalert.events;

import java.time.Instant;
import java.util.List;

/**
 * What became of one notification (value of {@code alerts.deliveries} and, when it gave up,
 * {@code alerts.dlq}; key = subscription id).
 *
 * @param match the match itself, carried on {@code alerts.dlq} so that a dead letter can be
 *     inspected and re-driven without any other state; null on {@code alerts.deliveries}
 */
public record DeliveryOutcome(
        int schemaVersion,
        String deliveryId,
        String subscriptionId,
        String articleId,
        Channel.ChannelType channel,
        Status status,
        List<Attempt> attempts,
        Instant at,
        Match match) {

    public enum Status { delivered, retrying, failed, dead }

    /** One try: when, and the endpoint's answer (HTTP status, or 0 with an error for no answer). */
    public record Attempt(Instant at, int httpStatus, String error) {}

    public DeliveryOutcome {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /** An outcome without the match (what {@code alerts.deliveries} carries). */
    public DeliveryOutcome(int schemaVersion, String deliveryId, String subscriptionId, String articleId,
            Channel.ChannelType channel, Status status, List<Attempt> attempts, Instant at) {
        this(schemaVersion, deliveryId, subscriptionId, articleId, channel, status, attempts, at, null);
    }
}
