package io.newsalert.alert.dispatch;

import io.newsalert.alert.dispatch.retry.RetryPolicy;
import java.time.Duration;

/**
 * Everything the dispatcher is tuned by, in one record so that it can run inside Quarkus (from
 * {@code newsalert.delivery.*}) and in a plain test alike.
 *
 * @param rateLimitMax immediate notifications per subscription per {@code rateLimitWindow}; the rest
 *     are folded into that subscription's hourly digest
 * @param keepFinished how long a finished job stays in the ledger (its dedupe memory) after its last
 *     try; longer than {@code alerts.matches} keeps a match, so a replayed match is still known
 */
public record DispatchSettings(
        String bootstrapServers,
        String matchesTopic,
        String deliveriesTopic,
        String dlqTopic,
        String ledgerTopic,
        String groupId,
        RetryPolicy retry,
        int endpointConcurrency,
        int endpointQueue,
        int breakerThreshold,
        Duration breakerOpenFor,
        int rateLimitMax,
        Duration rateLimitWindow,
        Duration digestCheckInterval,
        Duration keepFinished) {}
