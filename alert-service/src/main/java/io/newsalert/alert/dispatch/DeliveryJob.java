package io.newsalert.alert.dispatch;

import io.newsalert.events.Channel;
import io.newsalert.events.DeliveryOutcome.Attempt;
import io.newsalert.events.Match;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One match on its way to one channel of its subscription: the value of the compacted ledger topic
 * {@code alerts.deliveries.state} (key = {@link #jobId}). Its presence is the dedupe memory (a match
 * whose job exists is not sent again); a pending job is a promise still to keep, resumed after a
 * restart; a finished job keeps its outcome and drops the match to stay small.
 *
 * @param channelKey which channel of the subscription: {@code webhook:<url>} or {@code email:<address>}
 * @param nextAttemptAt when the next try is due (pending jobs); for digest jobs, null until a try failed
 * @param periodStart the digest period this match belongs to (digest jobs only)
 * @param partition the {@code alerts.matches} partition the match came from: the instance that owns
 *     that partition (consumer group assignment) is the one that sends the job
 */
public record DeliveryJob(
        String jobId,
        String deliveryId,
        String subscriptionId,
        String channelKey,
        Channel.ChannelType channelType,
        State state,
        Match match,
        List<Attempt> attempts,
        Instant nextAttemptAt,
        Instant periodStart,
        Instant periodEnd,
        Instant created,
        int partition) {

    public enum State {
        /** Sent on its own as soon as its lane is free, retried on its schedule. */
        immediate,
        /** Collected into its period's digest, sent when the period has ended. */
        digest,
        delivered,
        failed,
        dead;

        public boolean pending() {
            return this == immediate || this == digest;
        }
    }

    public DeliveryJob {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    public static String channelKey(Channel channel) {
        return switch (channel.type()) {
            case webhook -> "webhook:" + channel.url();
            case email -> "email:" + (channel.address() == null ? "" : channel.address().toLowerCase(Locale.ROOT));
        };
    }

    public static String jobId(Match match, Channel channel) {
        return match.deliveryId() + "|" + channelKey(channel);
    }

    public boolean pending() {
        return state.pending();
    }

    public DeliveryJob retryAt(List<Attempt> allAttempts, Instant next) {
        return new DeliveryJob(jobId, deliveryId, subscriptionId, channelKey, channelType, state, match, allAttempts,
                next, periodStart, periodEnd, created, partition);
    }

    public DeliveryJob finished(State end, List<Attempt> allAttempts) {
        return new DeliveryJob(jobId, deliveryId, subscriptionId, channelKey, channelType, end, null, allAttempts,
                null, periodStart, periodEnd, created, partition);
    }

    public static List<Attempt> plus(List<Attempt> attempts, Attempt next) {
        List<Attempt> all = new ArrayList<>(attempts);
        all.add(next);
        return all;
    }
}
