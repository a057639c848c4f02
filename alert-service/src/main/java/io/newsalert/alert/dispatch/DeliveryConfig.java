package io.newsalert.alert.dispatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code newsalert.delivery.*}: every knob of delivery, each with a default. */
@ConfigMapping(prefix = "newsalert.delivery")
public interface DeliveryConfig {

    /** Consumer group that takes {@code alerts.matches}. */
    @WithDefault("newsalert-alert-dispatch")
    String groupId();

    /** The compacted ledger topic (dedupe, pending retries, digests). */
    @WithDefault(DeliveryLedger.TOPIC)
    String ledgerTopic();

    /**
     * How long a delivered, failed or dead job stays in the ledger after its last try, then it is
     * deleted (tombstone). It is the dedupe memory, so it must outlast {@code alerts.matches}'
     * retention (7 days by default): a match replayed from there must still be known.
     */
    @WithDefault("8d")
    Duration ledgerKeepFinished();

    /** Base of the unsubscribe links in mails, as subscribers reach this service. */
    @WithDefault("http://localhost:8083")
    String publicUrl();

    /** Signs unsubscribe tokens; defaults to the admin key. */
    Optional<String> unsubscribeSecret();

    Retry retry();

    Webhook webhook();

    Endpoint endpoint();

    Circuit circuit();

    Ssrf ssrf();

    RateLimit rateLimit();

    Digest digest();

    Email email();

    interface Retry {
        /** Delay before each retry; its length is the number of retries. */
        @WithDefault("5s,30s,2m,10m,1h,6h")
        List<Duration> schedule();

        /** Each delay is randomly shortened or lengthened by up to this fraction. */
        @WithDefault("0.2")
        double jitter();

        /** Cap on an endpoint's Retry-After. */
        @WithDefault("6h")
        Duration maxRetryAfter();
    }

    interface Webhook {
        @WithDefault("5s")
        Duration connectTimeout();

        /** Whole-request timeout of one webhook call. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Endpoint {
        /** Sends in flight per endpoint. */
        @WithDefault("4")
        int concurrency();

        /** Sends waiting per endpoint; beyond it, a delivery waits in the ledger and is offered again. */
        @WithDefault("1000")
        int queue();
    }

    interface Circuit {
        /** Failed tries in a row that open an endpoint's circuit. */
        @WithDefault("5")
        int failureThreshold();

        @WithDefault("30s")
        Duration openFor();
    }

    interface Ssrf {
        /** Host names and address ranges webhooks may reach although internal, e.g. localhost,127.0.0.0/8. */
        Optional<List<String>> allow();
    }

    interface RateLimit {
        /** Immediate notifications per subscription per window; the rest go into the hourly digest. */
        @WithDefault("30")
        int max();

        @WithDefault("1m")
        Duration window();
    }

    interface Digest {
        /** How often due digests are looked for. */
        @WithDefault("30s")
        Duration checkInterval();
    }

    interface Email {
        /** Name of the SMTP lane (all mail shares one lane and circuit breaker). */
        @WithDefault("smtp")
        String smtpEndpoint();
    }
}
