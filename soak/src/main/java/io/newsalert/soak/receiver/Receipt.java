package io.newsalert.soak.receiver;

import java.time.Instant;

/**
 * One alert a subscriber took in (answered 2xx): which subscription, which article, the delivery's
 * id and when. A digest contributes one receipt per alert it carries.
 *
 * @param webhookId the {@code webhook-id} header (a digest's own id for digested alerts)
 * @param digest whether it came inside a digest rather than as an immediate alert
 * @param verified whether the signature checked out with the subscription's secret
 */
public record Receipt(String subscriptionId, String articleId, int revision, String deliveryId, String webhookId,
        boolean digest, boolean verified, Instant received) {}
