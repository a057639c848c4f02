package io.newsalert.alert.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newsalert.alert.dispatch.DeliveryJob.State;
import io.newsalert.alert.dispatch.digest.DigestPeriods;
import io.newsalert.alert.dispatch.endpoint.CircuitBreaker;
import io.newsalert.alert.dispatch.endpoint.EndpointLanes;
import io.newsalert.alert.dispatch.retry.Verdict;
import io.newsalert.events.Channel;
import io.newsalert.events.DeliveryOutcome;
import io.newsalert.events.DeliveryOutcome.Attempt;
import io.newsalert.events.EventSerdes;
import io.newsalert.events.Frequency;
import io.newsalert.events.Match;
import io.newsalert.events.SchemaVersion;
import io.newsalert.events.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The one place that runs delivery: takes matches off {@code alerts.matches}, drops the ones already
 * known (dedupe per subscription, article and channel, remembered in the ledger topic), and brings
 * every other one to its subscriber's channels — at once on the endpoint's lane, or in the period's
 * digest — retrying on schedule until it is delivered, refused for good, or dead. Every outcome goes
 * to {@code alerts.deliveries}; what could not be delivered goes to {@code alerts.dlq} with the match.
 *
 * <p>Order of writes keeps the promise across crashes: a match's jobs are in the ledger before its
 * offset is committed (so a crash re-reads it and the ledger dedupes it), and a job is marked
 * delivered only after the endpoint took it (so a crash in between sends it again with the same
 * {@code webhook-id}: at least once on the wire, once for a receiver that deduplicates).
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LANE_FULL_PAUSE = Duration.ofSeconds(1);

    private final DispatchSettings settings;
    private final Function<String, Optional<Subscription>> subscriptions;
    private final Map<Channel.ChannelType, ChannelSender> senders;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, TreeMap<Instant, Integer>> recentSends = new ConcurrentHashMap<>();
    private final Set<String> digestsInFlight = ConcurrentHashMap.newKeySet();
    /** The alerts.matches partitions assigned to this instance: it sends exactly their jobs. */
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    /** Immediate jobs scheduled or being sent now. */
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    private final Counter deduplicated;
    private final Counter rateLimited;
    private final Counter unreadable;
    private final Counter dlq;
    private final Timer endToEnd;

    private KafkaProducer<String, byte[]> producer;
    private DeliveryLedger ledger;
    private EndpointLanes lanes;
    private ScheduledExecutorService timer;
    private KafkaConsumer<String, Match> consumer;
    private Thread reader;
    private volatile boolean running;
    /** Removed on close, so that a dispatcher started again in this JVM registers its own. */
    private final List<Gauge> gauges = new ArrayList<>();

    public Dispatcher(DispatchSettings settings, Function<String, Optional<Subscription>> subscriptions,
            Map<Channel.ChannelType, ChannelSender> senders, MeterRegistry registry, Clock clock) {
        this.settings = settings;
        this.subscriptions = subscriptions;
        this.senders = Map.copyOf(senders);
        this.registry = registry;
        this.clock = clock;
        this.deduplicated = Counter.builder("newsalert.alert.deliveries.deduplicated")
                .description("Matches not sent again because that subscription, article and channel was already handled")
                .register(registry);
        this.rateLimited = Counter.builder("newsalert.alert.deliveries.rate_limited")
                .description("Immediate matches folded into an hourly digest because the subscription hit its rate limit")
                .register(registry);
        this.unreadable = Counter.builder("newsalert.alert.matches.unreadable")
                .description("Records on alerts.matches that could not be read as a Match (logged with their offset)")
                .register(registry);
        this.dlq = Counter.builder("newsalert.alert.dlq").description("Deliveries written to alerts.dlq").register(registry);
        this.endToEnd = Timer.builder("newsalert.alert.end_to_end")
                .description("From the article's fetch to its immediate alert being delivered")
                .publishPercentileHistogram()
                .register(registry);
    }

    public void start() {
        ensureLedgerTopic();
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1),
                new StringSerializer(), new ByteArraySerializer());
        ledger = new DeliveryLedger(settings.ledgerTopic(), settings.bootstrapServers(), producer, owned::contains);
        ledger.start(WRITE_TIMEOUT);
        lanes = new EndpointLanes(settings.endpointConcurrency(), settings.endpointQueue(), settings.breakerThreshold(),
                settings.breakerOpenFor(), clock);
        gauges.add(Gauge.builder("newsalert.alert.retry.pending", this, Dispatcher::retryPending)
                .description("Deliveries waiting for their next try after a failed one").register(registry));
        gauges.add(Gauge.builder("newsalert.alert.digest.pending", this, d -> d.countPending(State.digest))
                .description("Matches collected for a digest not yet sent").register(registry));
        gauges.add(Gauge.builder("newsalert.alert.circuits.open", lanes, EndpointLanes::openCircuits)
                .description("Endpoints whose circuit breaker is open").register(registry));
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dispatch-timer");
            t.setDaemon(true);
            return t;
        });
        running = true;
        // Pending jobs are scheduled when their partitions are assigned to this instance.
        long tick = settings.digestCheckInterval().toMillis();
        timer.scheduleWithFixedDelay(this::sendDueDigests, tick, tick, TimeUnit.MILLISECONDS);
        long sweep = Math.max(1, Math.min(settings.keepFinished().toMillis() / 24, Duration.ofHours(1).toMillis()));
        timer.scheduleWithFixedDelay(this::forgetOldJobs, sweep, sweep, TimeUnit.MILLISECONDS);
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, settings.groupId(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new EventSerdes.MatchSerde());
        reader = new Thread(this::readMatches, "dispatch-matches");
        reader.setDaemon(true);
        reader.start();
    }

    /** Stops taking matches and sending; whatever is pending stays in the ledger for the next start. */
    @Override
    public void close() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        join(reader);
        owned.clear();
        if (ledger != null) {
            ledger.close();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        if (lanes != null) {
            lanes.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
        gauges.forEach(registry::remove);
        gauges.clear();
    }

    /** Sends a signed test event to one channel now, outside the ledger, and returns the answer. */
    public SendResult sendTest(Subscription subscription, Channel channel) {
        Instant now = clock.instant();
        Match sample = new Match(SchemaVersion.CURRENT, subscription.id(), "test", 1,
                "Newsalert test event for " + subscription.name(), "https://example.org/newsalert-test", "test", "en",
                "This is a test event: «" + subscription.query() + "»", List.of(), List.of(), List.of(), now, now, now);
        Notification n = new Notification(Notification.Kind.test, "test_" + subscription.id() + "_" + now.toEpochMilli(),
                subscription, List.of(sample), null, null);
        return sender(channel).send(channel, n);
    }

    public int pendingCount() {
        return ledger.pendingCount();
    }

    public Optional<DeliveryJob> job(String jobId) {
        return ledger.get(jobId);
    }

    /** The alerts.matches partitions this instance delivers for right now. */
    public Set<Integer> ownedPartitions() {
        return Set.copyOf(owned);
    }

    // ---- taking matches in

    private void readMatches() {
        try {
            consumer.subscribe(List.of(settings.matchesTopic()), new Handover());
            while (running) {
                ConsumerRecords<String, Match> records;
                try {
                    records = consumer.poll(Duration.ofMillis(200));
                } catch (RecordDeserializationException e) {
                    unreadable.increment();
                    LOG.errorf(e, "record %s@%d on %s is not a Match; skipped, nothing can be delivered from it",
                            e.topicPartition(), e.offset(), settings.matchesTopic());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                    continue;
                }
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    take(records);
                } catch (WakeupException e) {
                    throw e;
                } catch (Exception e) {
                    LOG.errorf(e, "could not record %d matches in the ledger; reading them again", records.count());
                    rewind();
                    pause(Duration.ofSeconds(1));
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("match reader woken up while running", e);
            }
        } catch (RuntimeException e) {
            LOG.error("match reader stopped: no new matches will be delivered until restart", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void take(ConsumerRecords<String, Match> records) throws Exception {
        Instant now = clock.instant();
        List<DeliveryJob> created = new ArrayList<>();
        Set<String> inBatch = new HashSet<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new java.util.HashMap<>();
        for (ConsumerRecord<String, Match> record : records) {
            offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            Match match = record.value();
            if (match == null) {
                continue; // a tombstone carries no match
            }
            created.addAll(jobsFor(match, record.partition(), now, inBatch));
        }
        ledger.recordAll(created, WRITE_TIMEOUT);
        // Asynchronous is enough: the jobs are already in the ledger, so a commit lost in a crash
        // only means these matches are read again and recognised as known.
        consumer.commitAsync(offsets, (committed, e) -> {
            if (e != null) {
                LOG.warnf(e, "offsets on %s not committed; the matches will be read again and deduplicated",
                        settings.matchesTopic());
            }
        });
        for (DeliveryJob job : created) {
            if (job.state() == State.immediate) {
                schedule(job);
            }
        }
    }

    private List<DeliveryJob> jobsFor(Match match, int partition, Instant now, Set<String> inBatch) {
        Optional<Subscription> found = subscriptions.apply(match.subscriptionId());
        if (found.isEmpty() || !found.get().enabled()) {
            String why = found.isEmpty() ? "subscription no longer exists" : "subscription is disabled";
            publishOutcome(match.deliveryId(), match.subscriptionId(), match.articleId(), null, DeliveryOutcome.Status.failed,
                    List.of(new Attempt(now, 0, why)), found.isEmpty() ? match : null);
            return List.of();
        }
        Subscription sub = found.get();
        boolean immediate = sub.frequency() == Frequency.immediate;
        boolean withinLimit = !immediate || withinRateLimit(sub.id(), newsTime(match, now));
        if (!withinLimit) {
            rateLimited.increment();
        }
        List<DeliveryJob> jobs = new ArrayList<>();
        for (Channel channel : sub.channels()) {
            String jobId = DeliveryJob.jobId(match, channel);
            if (ledger.knows(jobId) || !inBatch.add(jobId)) {
                deduplicated.increment();
                continue;
            }
            if (immediate && withinLimit) {
                jobs.add(new DeliveryJob(jobId, match.deliveryId(), sub.id(), DeliveryJob.channelKey(channel), channel.type(),
                        State.immediate, match, List.of(), now, null, null, now, partition));
            } else {
                // A subscriber over the rate limit gets the rest in the hourly digest rather than not at all.
                Frequency period = immediate ? Frequency.hourly : sub.frequency();
                DigestPeriods.Period p = DigestPeriods.periodOf(period, sub.timezone(), now);
                jobs.add(new DeliveryJob(jobId, match.deliveryId(), sub.id(), DeliveryJob.channelKey(channel), channel.type(),
                        State.digest, match, List.of(), null, p.start(), p.end(), now, partition));
            }
        }
        return jobs;
    }

    /**
     * The limit counts alerts per window of news time (when the story was fetched), not of sending
     * time: a backlog sent at once after a restart or an outage is not a flood and stays immediate,
     * while many stories fetched within one window still fold into the digest.
     */
    private boolean withinRateLimit(String subscriptionId, Instant newsTime) {
        TreeMap<Instant, Integer> counted = recentSends.computeIfAbsent(subscriptionId, id -> new TreeMap<>());
        synchronized (counted) {
            // Memory stays bounded: times far behind the newest cannot share a window with new ones.
            Instant newest = counted.isEmpty() ? newsTime : counted.lastKey();
            counted.headMap(newest.minus(settings.rateLimitWindow().multipliedBy(2))).clear();
            int inWindow = counted.subMap(newsTime.minus(settings.rateLimitWindow()), false, newsTime, true).values()
                    .stream().mapToInt(Integer::intValue).sum();
            if (inWindow >= settings.rateLimitMax()) {
                return false;
            }
            counted.merge(newsTime, 1, Integer::sum);
            return true;
        }
    }

    private static Instant newsTime(Match match, Instant now) {
        Instant fetched = match.fetched();
        return fetched == null || fetched.isAfter(now) ? now : fetched;
    }

    /**
     * Rebalances: a partition taken away stops being sent for here (its jobs' next tries are
     * skipped); a partition given to this instance is taken over once the ledger is read to its
     * end, with every pending job the previous owner left.
     */
    private final class Handover implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(tp -> owned.remove(tp.partition()));
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            try {
                ledger.catchUp(WRITE_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Set<Integer> taken = new HashSet<>();
            partitions.forEach(tp -> taken.add(tp.partition()));
            owned.addAll(taken);
            int resumed = 0;
            for (DeliveryJob job : ledger.pending()) {
                if (job.state() == State.immediate && taken.contains(job.partition())) {
                    schedule(job);
                    resumed++;
                }
            }
            LOG.infof("delivering for %s partitions %s now; %d pending deliveries resumed", settings.matchesTopic(), taken, resumed);
        }
    }

    private void rewind() {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
        for (TopicPartition tp : assigned) {
            OffsetAndMetadata at = committed.get(tp);
            if (at != null) {
                consumer.seek(tp, at);
            } else {
                consumer.seekToBeginning(List.of(tp));
            }
        }
    }

    // ---- immediate sends

    /** Schedules the job's next try, unless it is already scheduled or being sent (never twice at once). */
    private void schedule(DeliveryJob job) {
        if (!active.add(job.jobId())) {
            return;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), job.nextAttemptAt()).toMillis());
        later(Duration.ofMillis(delay), () -> {
            try {
                offer(job.jobId());
            } catch (RuntimeException e) {
                active.remove(job.jobId());
                throw e;
            }
        });
    }

    private void later(Duration delay, Runnable what) {
        if (!running) {
            return;
        }
        try {
            timer.schedule(() -> {
                try {
                    what.run();
                } catch (RuntimeException e) {
                    LOG.error("delivery step failed; the job stays pending in the ledger", e);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("timer stopped (shutting down); job stays pending in the ledger");
        }
    }

    private void offer(String jobId) {
        DeliveryJob job = ledger.get(jobId).orElse(null);
        if (job == null || job.state() != State.immediate || !owned.contains(job.partition())) {
            active.remove(jobId);
            return; // done, or handed over to another instance in a rebalance
        }
        Optional<Target> target = targetOf(job);
        if (target.isEmpty()) {
            active.remove(jobId);
            return;
        }
        Target t = target.get();
        boolean queued = lanes.submit(t.endpoint(), () -> {
            SendResult result = trySend(t, Notification.alert(t.subscription(), job.match()));
            active.remove(jobId);
            settle(List.of(job), result, true);
        });
        if (!queued) {
            // The endpoint's queue is full: keep the job and offer it again; no try was made.
            later(LANE_FULL_PAUSE, () -> offer(jobId));
        }
    }

    private record Target(Subscription subscription, Channel channel, ChannelSender sender, String endpoint) {}

    /** The subscription's current channel for a job, or empty after settling the job as failed. */
    private Optional<Target> targetOf(DeliveryJob job) {
        Optional<Subscription> sub = subscriptions.apply(job.subscriptionId());
        Optional<Channel> channel = sub.filter(Subscription::enabled).flatMap(s -> s.channels().stream()
                .filter(c -> DeliveryJob.channelKey(c).equals(job.channelKey())).findFirst());
        if (channel.isEmpty()) {
            String why = sub.isEmpty() ? "subscription was deleted" : !sub.get().enabled() ? "subscription was disabled"
                    : "channel was removed from the subscription";
            settle(List.of(job), SendResult.permanent(0, why), false);
            return Optional.empty();
        }
        ChannelSender sender = sender(channel.get());
        return Optional.of(new Target(sub.get(), channel.get(), sender, sender.endpointOf(channel.get())));
    }

    private ChannelSender sender(Channel channel) {
        ChannelSender sender = senders.get(channel.type());
        if (sender == null) {
            throw new IllegalStateException("no sender for channel type " + channel.type());
        }
        return sender;
    }

    private SendResult trySend(Target t, Notification n) {
        if (!running) {
            return null; // shutting down: leave the job pending for the next start
        }
        CircuitBreaker breaker = lanes.breaker(t.endpoint());
        if (!breaker.allow()) {
            return SendResult.retry(0, "circuit open: " + t.endpoint() + " failed repeatedly; not called", null);
        }
        SendResult result = t.sender().send(t.channel(), n);
        if (!running && result.verdict() == Verdict.RETRY) {
            return null; // cut short by shutdown, not the endpoint's fault: the job stays as it was
        }
        if (result.verdict() == Verdict.RETRY) {
            breaker.failure();
        } else {
            breaker.success();
        }
        Counter.builder("newsalert.alert.delivery.attempts").description("Tries at sending, by channel and verdict")
                .tag("channel", t.channel().type().name()).tag("verdict", result.verdict().name().toLowerCase())
                .register(registry).increment();
        return result;
    }

    /** Applies one try's result to the jobs it was for (one, or a whole digest). */
    private void settle(List<DeliveryJob> jobs, SendResult result, boolean immediate) {
        if (result == null) {
            return;
        }
        Instant now = clock.instant();
        Attempt attempt = new Attempt(now, result.status(), result.error());
        Optional<Duration> retryIn = Optional.empty();
        if (result.verdict() == Verdict.RETRY) {
            retryIn = settings.retry().nextDelay(jobs.get(0).attempts().size() + 1, result.retryAfter());
        }
        for (DeliveryJob job : jobs) {
            List<Attempt> attempts = DeliveryJob.plus(job.attempts(), attempt);
            switch (result.verdict()) {
                case DELIVERED -> {
                    ledger.record(job.finished(State.delivered, attempts));
                    publishOutcome(job, DeliveryOutcome.Status.delivered, attempts, null);
                    if (immediate && job.match().fetched() != null && !job.match().fetched().isAfter(now)) {
                        endToEnd.record(Duration.between(job.match().fetched(), now));
                    }
                }
                case PERMANENT -> {
                    ledger.record(job.finished(State.failed, attempts));
                    publishOutcome(job, DeliveryOutcome.Status.failed, attempts, job.match());
                }
                case RETRY -> {
                    if (retryIn.isEmpty()) {
                        ledger.record(job.finished(State.dead, attempts));
                        publishOutcome(job, DeliveryOutcome.Status.dead, attempts, job.match());
                    } else {
                        DeliveryJob again = job.retryAt(attempts, now.plus(retryIn.get()));
                        ledger.record(again);
                        publishOutcome(job, DeliveryOutcome.Status.retrying, attempts, null);
                        if (again.state() == State.immediate) {
                            schedule(again);
                        }
                    }
                }
            }
        }
    }

    /** Keeps the ledger to a window of history: finished jobs older than keepFinished are deleted. */
    private void forgetOldJobs() {
        try {
            int n = ledger.forgetFinishedBefore(clock.instant().minus(settings.keepFinished()));
            if (n > 0) {
                LOG.infof("delivery ledger: deleting %d finished jobs older than %s", n, settings.keepFinished());
            }
        } catch (RuntimeException e) {
            LOG.error("delivery ledger sweep failed; finished jobs are kept until the next sweep", e);
        }
    }

    // ---- digests

    /** Sends every digest whose period has ended (and whose retry, if any, is due): one per channel. */
    private void sendDueDigests() {
        Instant now = clock.instant();
        Map<String, List<DeliveryJob>> due = ledger.pending().stream()
                .filter(j -> j.state() == State.digest && !j.periodEnd().isAfter(now) && owned.contains(j.partition()))
                .filter(j -> j.nextAttemptAt() == null || !j.nextAttemptAt().isAfter(now))
                .collect(Collectors.groupingBy(j -> j.subscriptionId() + "|" + j.channelKey() + "|" + j.periodEnd()));
        for (Map.Entry<String, List<DeliveryJob>> group : due.entrySet()) {
            if (!digestsInFlight.add(group.getKey())) {
                continue;
            }
            List<DeliveryJob> jobs = group.getValue().stream()
                    .sorted(Comparator.comparing(DeliveryJob::created)).toList();
            Optional<Target> target = targetOf(jobs.get(0));
            if (target.isEmpty()) {
                settle(jobs.subList(1, jobs.size()), SendResult.permanent(0, "subscription or channel is gone"), false);
                digestsInFlight.remove(group.getKey());
                continue;
            }
            Target t = target.get();
            DeliveryJob first = jobs.get(0);
            Notification digest = new Notification(Notification.Kind.digest,
                    "digest_" + first.subscriptionId() + "_" + first.periodEnd().getEpochSecond(), t.subscription(),
                    jobs.stream().map(DeliveryJob::match).toList(), first.periodStart(), first.periodEnd());
            boolean queued = lanes.submit(t.endpoint(), () -> {
                try {
                    settle(jobs, trySend(t, digest), false);
                } finally {
                    digestsInFlight.remove(group.getKey());
                }
            });
            if (!queued) {
                digestsInFlight.remove(group.getKey());
            }
        }
    }

    // ---- outcomes

    private void publishOutcome(DeliveryJob job, DeliveryOutcome.Status status, List<Attempt> attempts, Match deadMatch) {
        publishOutcome(job.deliveryId(), job.subscriptionId(), job.match() == null ? null : job.match().articleId(),
                job.channelType(), status, attempts, deadMatch);
    }

    private void publishOutcome(String deliveryId, String subscriptionId, String articleId, Channel.ChannelType channel,
            DeliveryOutcome.Status status, List<Attempt> attempts, Match deadMatch) {
        Instant now = clock.instant();
        DeliveryOutcome outcome = new DeliveryOutcome(SchemaVersion.CURRENT, deliveryId, subscriptionId, articleId, channel,
                status, attempts, now);
        Counter.builder("newsalert.alert.deliveries").description("Delivery outcomes by channel and outcome")
                .tag("channel", channel == null ? "none" : channel.name()).tag("outcome", status.name())
                .register(registry).increment();
        send(settings.deliveriesTopic(), subscriptionId, outcome);
        if (status == DeliveryOutcome.Status.dead || status == DeliveryOutcome.Status.failed) {
            dlq.increment();
            send(settings.dlqTopic(), subscriptionId, new DeliveryOutcome(SchemaVersion.CURRENT, deliveryId, subscriptionId,
                    articleId, channel, status, attempts, now, deadMatch));
            LOG.warnf("delivery %s to %s %s: %s", deliveryId, channel, status,
                    attempts.isEmpty() ? "" : attempts.get(attempts.size() - 1).error());
        }
    }

    private static final EventSerdes.DeliveryOutcomeSerde OUTCOMES = new EventSerdes.DeliveryOutcomeSerde();

    private void send(String topic, String key, DeliveryOutcome outcome) {
        producer.send(new ProducerRecord<>(topic, key, OUTCOMES.serialize(topic, outcome)), (meta, e) -> {
            if (e != null) {
                LOG.errorf(e, "outcome %s (%s) of %s could not be written to %s", outcome.status(), outcome.deliveryId(),
                        key, topic);
            }
        });
    }

    // ---- plumbing

    private double retryPending() {
        return ledger.pending().stream().filter(j -> !j.attempts().isEmpty()).count();
    }

    private double countPending(State state) {
        return ledger.pending().stream().filter(j -> j.state() == state).count();
    }

    private void ensureLedgerTopic() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(settings.ledgerTopic(), Optional.of(6), Optional.empty())
                    .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create ledger topic " + settings.ledgerTopic(), e.getCause());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create ledger topic " + settings.ledgerTopic(), e);
        }
    }

    private static void join(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
