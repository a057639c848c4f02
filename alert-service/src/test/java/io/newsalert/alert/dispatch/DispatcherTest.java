package io.newsalert.alert.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsalert.alert.dispatch.WebhookReceiver.Answer;
import io.newsalert.events.DeliveryOutcome;
import io.newsalert.events.DeliveryOutcome.Status;
import io.newsalert.events.Frequency;
import io.newsalert.events.JsonSerde;
import io.newsalert.events.Match;
import io.newsalert.events.Subscription;
import io.newsalert.localkafka.LocalKafkaExtension;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Delivery over the real in-JVM broker to real HTTP receivers on loopback: retries, permanent
 * refusals, dead endpoints, isolation, restarts, dedupe, digests, the rate limit and the SSRF guard.
 */
@ExtendWith(LocalKafkaExtension.class)
class DispatcherTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private DispatchHarness harness;
    private final List<WebhookReceiver> receivers = new java.util.ArrayList<>();

    @BeforeEach
    void setUp() {
        harness = new DispatchHarness();
    }

    @AfterEach
    void tearDown() {
        harness.close();
        receivers.forEach(WebhookReceiver::close);
    }

    private WebhookReceiver receiver(String secret) throws Exception {
        WebhookReceiver r = new WebhookReceiver(secret);
        receivers.add(r);
        return r;
    }

    private List<DeliveryOutcome> outcomesOf(String deliveryId, String topic) {
        return harness.outcomes(topic).stream().filter(o -> o.deliveryId().equals(deliveryId)).toList();
    }

    @Test
    void failedTriesAreRetriedUntilTheEndpointTakesIt_withTheSameIdAndAValidSignature() throws Exception {
        String secret = DispatchHarness.secret();
        WebhookReceiver receiver = receiver(secret);
        receiver.answer(n -> n == 1 ? Answer.status(500) : n == 2 ? Answer.status(503) : Answer.status(200));
        Subscription sub = harness.webhookSubscription("retry", receiver.url(), secret, Frequency.immediate, null);
        harness.start();
        Match match = DispatchHarness.match(sub, "a1", 1);
        harness.produce(match);

        await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);
        assertThat(receiver.received()).hasSize(3)
                .allSatisfy(r -> {
                    assertThat(r.signatureValid()).as("signature verifies").isTrue();
                    assertThat(r.id()).isEqualTo(match.deliveryId());
                });
        JsonNode body = JsonSerde.MAPPER.readTree(receiver.accepted().get(0).body());
        assertThat(body.get("type").asText()).isEqualTo("alert.match");
        assertThat(body.at("/data/article/id").asText()).isEqualTo("a1");
        assertThat(body.at("/data/article/title").asText()).isEqualTo(match.title());
        assertThat(body.at("/data/article/link").asText()).isEqualTo(match.link());
        assertThat(body.at("/data/snippet").asText()).isEqualTo(match.snippet());
        assertThat(body.at("/data/spans/0/term").asText()).isEqualTo("Truppenabzug");
        assertThat(body.at("/data/subscription/id").asText()).isEqualTo(sub.id());

        await().atMost(WAIT).untilAsserted(() -> assertThat(outcomesOf(match.deliveryId(), harness.deliveries))
                .extracting(DeliveryOutcome::status)
                .containsExactly(Status.retrying, Status.retrying, Status.delivered));
        DeliveryOutcome delivered = outcomesOf(match.deliveryId(), harness.deliveries).get(2);
        assertThat(delivered.attempts()).extracting(DeliveryOutcome.Attempt::httpStatus).containsExactly(500, 503, 200);
        assertThat(harness.registry.find("newsalert.alert.end_to_end").timer().count()).isEqualTo(1);
        assertThat(harness.registry.find("newsalert.alert.deliveries").tags("channel", "webhook", "outcome", "delivered")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        String secret = DispatchHarness.secret();
        WebhookReceiver receiver = receiver(secret);
        receiver.answer(n -> n == 1 ? new Answer(429, Duration.ZERO, "2") : Answer.status(200));
        Subscription sub = harness.webhookSubscription("slowdown", receiver.url(), secret, Frequency.immediate, null);
        harness.start();
        harness.produce(DispatchHarness.match(sub, "a1", 1));

        await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);
        List<WebhookReceiver.Received> calls = receiver.received();
        assertThat(calls).hasSize(2);
        // the schedule alone would have come back after ~200 ms
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void aPermanentRefusalIsNotRetriedAndGoesToTheDlq() throws Exception {
        String secret = DispatchHarness.secret();
        WebhookReceiver receiver = receiver(secret);
        receiver.answer(n -> Answer.status(410));
        Subscription sub = harness.webhookSubscription("gone", receiver.url(), secret, Frequency.immediate, null);
        harness.start();
        Match match = DispatchHarness.match(sub, "a1", 1);
        harness.produce(match);

        await().atMost(WAIT).untilAsserted(() -> assertThat(outcomesOf(match.deliveryId(), harness.dlq)).hasSize(1));
        DeliveryOutcome dead = outcomesOf(match.deliveryId(), harness.dlq).get(0);
        assertThat(dead.status()).isEqualTo(Status.failed);
        assertThat(dead.match()).isEqualTo(match);
        assertThat(dead.attempts()).singleElement().extracting(DeliveryOutcome.Attempt::httpStatus).isEqualTo(410);
        Thread.sleep(1_500); // longer than the whole retry schedule
        assertThat(receiver.received()).hasSize(1);
        assertThat(outcomesOf(match.deliveryId(), harness.deliveries)).extracting(DeliveryOutcome::status)
                .containsExactly(Status.failed);
    }

    @Test
    void anEndpointDownForTheWholeScheduleEndsInTheDlqWithEveryAttempt() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String secret = DispatchHarness.secret();
        WebhookReceiver failing = receiver(secret);
        failing.answer(n -> Answer.status(500));
        Subscription erroring = harness.webhookSubscription("erroring", failing.url(), secret, Frequency.immediate, null);
        Subscription unreachable = harness.webhookSubscription("unreachable", "http://127.0.0.1:" + closedPort + "/hook",
                secret, Frequency.immediate, null);
        harness.start();
        Match m1 = DispatchHarness.match(erroring, "a1", 1);
        Match m2 = DispatchHarness.match(unreachable, "a1", 1);
        harness.produce(m1);
        harness.produce(m2);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(outcomesOf(m1.deliveryId(), harness.dlq)).hasSize(1);
            assertThat(outcomesOf(m2.deliveryId(), harness.dlq)).hasSize(1);
        });
        DeliveryOutcome d1 = outcomesOf(m1.deliveryId(), harness.dlq).get(0);
        assertThat(d1.status()).isEqualTo(Status.dead);
        assertThat(d1.match()).isEqualTo(m1);
        assertThat(d1.attempts()).hasSize(4).extracting(DeliveryOutcome.Attempt::httpStatus).containsOnly(500);
        assertThat(failing.received()).hasSize(4);
        DeliveryOutcome d2 = outcomesOf(m2.deliveryId(), harness.dlq).get(0);
        assertThat(d2.status()).isEqualTo(Status.dead);
        assertThat(d2.attempts()).hasSize(4).allSatisfy(a -> {
            assertThat(a.httpStatus()).isZero();
            assertThat(a.error()).contains("connection failed");
        });
        assertThat(harness.registry.find("newsalert.alert.dlq").counter().count()).isEqualTo(2);
    }

    @Test
    void aDeadSlowEndpointDoesNotDelayAHealthyOne() throws Exception {
        String secret = DispatchHarness.secret();
        WebhookReceiver slow = receiver(secret);
        slow.answer(n -> new Answer(200, Duration.ofSeconds(5), null)); // beyond the 1 s timeout
        WebhookReceiver healthy = receiver(secret);
        Subscription stuck = harness.webhookSubscription("stuck", slow.url(), secret, Frequency.immediate, null);
        Subscription fine = harness.webhookSubscription("fine", healthy.url(), secret, Frequency.immediate, null);
        harness.start();
        for (int i = 0; i < 30; i++) {
            harness.produce(DispatchHarness.match(stuck, "s" + i, 1));
        }
        await().atMost(WAIT).until(() -> !slow.received().isEmpty() || harness.registry.find("newsalert.alert.delivery.attempts")
                .counters().stream().mapToDouble(c -> c.count()).sum() > 0);
        Instant sent = Instant.now();
        harness.produce(DispatchHarness.match(fine, "h1", 1));

        await().atMost(WAIT).until(() -> healthy.accepted().size() == 1);
        assertThat(Duration.between(sent, healthy.accepted().get(0).at())).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aRestartInTheMiddleOfTheRetryScheduleLosesNothingAndDoublesNothing() throws Exception {
        harness.schedule = List.of(Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
        String secret = DispatchHarness.secret();
        WebhookReceiver receiver = receiver(secret);
        receiver.answer(n -> n <= 2 ? Answer.status(503) : Answer.status(200));
        Subscription sub = harness.webhookSubscription("restart", receiver.url(), secret, Frequency.immediate, null);
        Dispatcher first = harness.start();
        Match match = DispatchHarness.match(sub, "a1", 1);
        harness.produce(match);
        await().atMost(WAIT).until(() -> receiver.received().size() == 2);
        first.close();
        harness.started.remove(first);
        assertThat(receiver.accepted()).isEmpty();

        Dispatcher second = harness.start();
        assertThat(second.pendingCount()).as("the pending retry came back from the ledger").isEqualTo(1);
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);
        harness.produce(match); // the matcher publishes it again after the restart
        Thread.sleep(1_500);
        assertThat(receiver.received()).hasSize(3);
        assertThat(receiver.accepted()).hasSize(1).allSatisfy(r -> assertThat(r.id()).isEqualTo(match.deliveryId()));
        assertThat(outcomesOf(match.deliveryId(), harness.deliveries)).extracting(DeliveryOutcome::status)
                .containsExactly(Status.retrying, Status.retrying, Status.delivered);
    }

    @Test
    void theSameArticleReachingDeliveryAgainNotifiesOnce() throws Exception {
        String secret = DispatchHarness.secret();
        WebhookReceiver receiver = receiver(secret);
        Subscription sub = harness.webhookSubscription("dedupe", receiver.url(), secret, Frequency.immediate, null);
        harness.start();
        Match match = DispatchHarness.match(sub, "a1", 1);
        harness.produce(match);
        harness.produce(match); // a replay
        harness.produce(DispatchHarness.match(sub, "a1", 2)); // a revision of the same article
        harness.produce(DispatchHarness.match(sub, "a2", 1)); // a different article

        await().atMost(WAIT).until(() -> receiver.accepted().size() == 2);
        Thread.sleep(1_000);
        assertThat(receiver.received()).extracting(WebhookReceiver.Received::id)
                .containsExactlyInAnyOrder(match.deliveryId(), DispatchHarness.match(sub, "a2", 1).deliveryId());
        assertThat(harness.registry.find("newsalert.alert.deliveries.deduplicated").counter().count()).isEqualTo(2);
    }

    @Test
    void anHourlyDigestCollectsThePeriodInTheSubscribersZone_survivesARestart_andSkipsEmptyPeriods() throws Exception {
        ZoneId newYork = ZoneId.of("America/New_York");
        MutableClock clock = new MutableClock(ZonedDateTime.of(2026, 11, 27, 10, 15, 0, 0, newYork).toInstant());
        harness.clock = clock;
        String secret = DispatchHarness.secret();
        WebhookReceiver receiver = receiver(secret);
        Subscription sub = harness.webhookSubscription("digest", receiver.url(), secret, Frequency.hourly, "America/New_York");
        Dispatcher first = harness.start();
        harness.produce(DispatchHarness.match(sub, "a1", 1));
        harness.produce(DispatchHarness.match(sub, "a2", 1));
        await().atMost(WAIT).until(() -> first.pendingCount() == 2);
        first.close();
        harness.started.remove(first);

        Dispatcher second = harness.start();
        assertThat(second.pendingCount()).isEqualTo(2);
        clock.set(ZonedDateTime.of(2026, 11, 27, 10, 59, 0, 0, newYork).toInstant());
        Thread.sleep(500);
        assertThat(receiver.received()).as("nothing before the period ends").isEmpty();

        clock.set(ZonedDateTime.of(2026, 11, 27, 11, 0, 1, 0, newYork).toInstant());
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);
        WebhookReceiver.Received digest = receiver.accepted().get(0);
        assertThat(digest.signatureValid()).isTrue();
        JsonNode body = JsonSerde.MAPPER.readTree(digest.body());
        assertThat(body.get("type").asText()).isEqualTo("alert.digest");
        assertThat(body.at("/data/alerts")).hasSize(2);
        assertThat(Instant.parse(body.at("/data/periodStart").asText()))
                .isEqualTo(ZonedDateTime.of(2026, 11, 27, 10, 0, 0, 0, newYork).toInstant());
        assertThat(Instant.parse(body.at("/data/periodEnd").asText()))
                .isEqualTo(ZonedDateTime.of(2026, 11, 27, 11, 0, 0, 0, newYork).toInstant());

        clock.set(ZonedDateTime.of(2026, 11, 27, 13, 0, 1, 0, newYork).toInstant());
        Thread.sleep(600);
        assertThat(receiver.received()).as("an empty period sends nothing").hasSize(1);
        assertThat(second.pendingCount()).isZero();
    }

    @Test
    void beyondTheRateLimitAlertsAreFoldedIntoTheHourlyDigest() throws Exception {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        MutableClock clock = new MutableClock(ZonedDateTime.of(2026, 11, 27, 9, 30, 0, 0, berlin).toInstant());
        harness.clock = clock;
        harness.rateLimitMax = 2;
        String secret = DispatchHarness.secret();
        WebhookReceiver receiver = receiver(secret);
        Subscription sub = harness.webhookSubscription("busy", receiver.url(), secret, Frequency.immediate, null);
        harness.start();
        for (int i = 1; i <= 5; i++) {
            harness.produce(DispatchHarness.match(sub, "a" + i, 1));
        }
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 2);
        Thread.sleep(500);
        assertThat(receiver.received()).hasSize(2);

        clock.set(ZonedDateTime.of(2026, 11, 27, 10, 0, 1, 0, berlin).toInstant());
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 3);
        JsonNode digest = JsonSerde.MAPPER.readTree(receiver.accepted().get(2).body());
        assertThat(digest.get("type").asText()).isEqualTo("alert.digest");
        assertThat(digest.at("/data/alerts")).hasSize(3);
        assertThat(harness.registry.find("newsalert.alert.deliveries.rate_limited").counter().count()).isEqualTo(3);
    }

    @Test
    void aBacklogOfStoriesFetchedMinutesApartStaysImmediateThoughItIsSentAtOnce() throws Exception {
        // What a restart after an outage looks like: matches for stories fetched over five minutes all
        // arrive together. The limit counts news time, so none of them is folded into the digest.
        harness.rateLimitMax = 2;
        String secret = DispatchHarness.secret();
        WebhookReceiver receiver = receiver(secret);
        Subscription sub = harness.webhookSubscription("backlog", receiver.url(), secret, Frequency.immediate, null);
        Instant start = Instant.now().minus(Duration.ofMinutes(6));
        for (int i = 0; i < 5; i++) {
            Match m = DispatchHarness.match(sub, "b" + i, 1);
            harness.produce(new Match(m.schemaVersion(), m.subscriptionId(), m.articleId(), m.articleRevision(), m.title(), m.link(),
                    m.feedId(), m.language(), m.snippet(), m.spans(), m.entities(), m.topics(), m.published(),
                    start.plus(Duration.ofMinutes(i)), m.matched()));
        }
        harness.start();
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 5);
        assertThat(receiver.accepted()).allSatisfy(r -> assertThat(r.body()).contains("\"type\":\"alert.match\""));
        assertThat(harness.registry.find("newsalert.alert.deliveries.rate_limited").counter().count()).isZero();
    }

    @Test
    void theSsrfGuardRefusesInternalTargetsAtSendTime() throws Exception {
        harness.allow = List.of();
        String secret = DispatchHarness.secret();
        WebhookReceiver receiver = receiver(secret);
        Subscription sub = harness.webhookSubscription("internal", receiver.url(), secret, Frequency.immediate, null);
        harness.start();
        Match match = DispatchHarness.match(sub, "a1", 1);
        harness.produce(match);

        await().atMost(WAIT).untilAsserted(() -> assertThat(outcomesOf(match.deliveryId(), harness.dlq)).hasSize(1));
        DeliveryOutcome refused = outcomesOf(match.deliveryId(), harness.dlq).get(0);
        assertThat(refused.status()).isEqualTo(Status.failed);
        assertThat(refused.attempts().get(0).error()).contains("loopback").contains("newsalert.delivery.ssrf.allow");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void aMatchForADeletedSubscriptionIsRecordedNotDropped() throws Exception {
        String secret = DispatchHarness.secret();
        WebhookReceiver receiver = receiver(secret);
        Subscription sub = harness.webhookSubscription("deleted", receiver.url(), secret, Frequency.immediate, null);
        harness.subscriptions.remove(sub.id());
        harness.start();
        Match match = DispatchHarness.match(sub, "a1", 1);
        harness.produce(match);

        await().atMost(WAIT).untilAsserted(() -> assertThat(outcomesOf(match.deliveryId(), harness.dlq)).hasSize(1));
        assertThat(outcomesOf(match.deliveryId(), harness.dlq).get(0).attempts().get(0).error())
                .contains("no longer exists");
    }

    @Test
    void twoInstancesShareTheMatches_andOneStoppingHandsItsPendingRetriesToTheOther() throws Exception {
        harness.schedule = List.of(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
        String secret = DispatchHarness.secret();
        List<Match> matches = new java.util.ArrayList<>();
        Dispatcher one = harness.start();
        Dispatcher two = harness.start();
        await().atMost(WAIT).until(() -> one.ownedPartitions().size() + two.ownedPartitions().size() == 6
                && !one.ownedPartitions().isEmpty() && !two.ownedPartitions().isEmpty());
        WebhookReceiver failFirst = receiver(secret);
        for (int i = 0; i < 12; i++) {
            Subscription sub = harness.webhookSubscription("pair" + i, failFirst.url(), secret, Frequency.immediate, null);
            matches.add(DispatchHarness.match(sub, "a1", 1));
        }
        // every alert's first try fails, so each is a pending retry when the first instance stops
        java.util.Set<String> firstTried = java.util.concurrent.ConcurrentHashMap.newKeySet();
        failFirst.answerById(id -> firstTried.add(id) ? Answer.status(503) : Answer.status(200));
        for (Match m : matches) {
            harness.produce(m);
        }
        await().atMost(WAIT).until(() -> firstTried.size() == 12);
        long ownedByOne = matches.stream()
                .map(m -> two.job(DeliveryJob.jobId(m, io.newsalert.events.Channel.webhook(failFirst.url(), secret))))
                .filter(j -> j.isPresent() && one.ownedPartitions().contains(j.get().partition())).count();
        assertThat(ownedByOne).as("some alerts are the first instance's to hand over").isPositive();
        one.close();
        harness.started.remove(one);

        await().atMost(WAIT).until(() -> failFirst.accepted().size() == 12);
        Thread.sleep(1_000);
        assertThat(failFirst.accepted()).extracting(WebhookReceiver.Received::id)
                .containsExactlyInAnyOrderElementsOf(matches.stream().map(Match::deliveryId).toList());
        assertThat(failFirst.received()).hasSize(24);
        assertThat(two.ownedPartitions()).hasSize(6);

        for (Match m : matches) {
            harness.produce(m); // replayed after the hand-over: known to the ledger, not sent again
        }
        Thread.sleep(1_500);
        assertThat(failFirst.received()).hasSize(24);
    }
}
