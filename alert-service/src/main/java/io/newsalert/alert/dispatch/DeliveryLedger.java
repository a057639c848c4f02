package io.newsalert.alert.dispatch;

import io.newsalert.events.JsonSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Every delivery job, as the compacted topic {@code alerts.deliveries.state} holds them: read whole
 * at start-up (so dedupe, pending retries and digests survive a restart), then followed live, so
 * that every instance knows the jobs the others create (dedupe across instances, and a partition
 * handed over in a rebalance comes with its pending jobs). For the partitions this instance owns it
 * is the only writer, and its memory is the truth; records read back for those are ignored.
 */
public final class DeliveryLedger implements AutoCloseable {

    /** The ledger topic: compacted, key = job id. Belongs in {@code Topics.ALL}. */
    public static final String TOPIC = io.newsalert.events.Topics.DELIVERY_STATE;

    private static final Logger LOG = Logger.getLogger(DeliveryLedger.class);
    static final JsonSerde<DeliveryJob> SERDE = JsonSerde.of(DeliveryJob.class);

    private final String topic;
    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;
    private final IntPredicate owned;
    private final Map<String, DeliveryJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, DeliveryJob> pending = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> readUpTo = new ConcurrentHashMap<>();
    private final Object progress = new Object();
    private KafkaConsumer<String, DeliveryJob> tail;
    private KafkaConsumer<String, DeliveryJob> probe;
    private List<TopicPartition> partitions;
    private Thread reader;
    private volatile boolean running;

    /** @param owned whether this instance owns an {@code alerts.matches} partition right now */
    DeliveryLedger(String topic, String bootstrapServers, KafkaProducer<String, byte[]> producer, IntPredicate owned) {
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
        this.producer = producer;
        this.owned = owned;
    }

    /** Reads the topic up to its end as of now, then keeps following it. */
    void start(Duration timeout) {
        tail = consumer();
        probe = consumer();
        long deadline = System.nanoTime() + timeout.toNanos();
        partitions = partitionsOf(timeout, deadline);
        tail.assign(partitions);
        tail.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = new HashMap<>(tail.endOffsets(partitions, timeout));
        while (end.entrySet().stream().anyMatch(e -> tail.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("delivery ledger " + topic + " not read to its end within " + timeout);
            }
            for (ConsumerRecord<String, DeliveryJob> r : tail.poll(Duration.ofMillis(200))) {
                remember(r.key(), r.value());
            }
        }
        notePositions();
        LOG.infof("delivery ledger %s loaded: %d jobs, %d pending", topic, jobs.size(), pending.size());
        running = true;
        reader = new Thread(this::follow, "delivery-ledger");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * A topic created a moment ago may not show its partitions in metadata yet; assigning none would
     * leave the reader with nothing to read, so wait for them (or fail start-up, loudly).
     */
    private List<TopicPartition> partitionsOf(Duration timeout, long deadline) {
        while (true) {
            List<TopicPartition> found = tail.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (!found.isEmpty()) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("delivery ledger " + topic + " has no partitions after " + timeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the partitions of " + topic, e);
            }
        }
    }

    private KafkaConsumer<String, DeliveryJob> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), SERDE);
    }

    private void follow() {
        try {
            while (running) {
                for (ConsumerRecord<String, DeliveryJob> r : tail.poll(Duration.ofMillis(200))) {
                    DeliveryJob job = r.value();
                    if (job == null || !owned.test(job.partition())) {
                        remember(r.key(), job);
                    }
                }
                notePositions();
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("delivery ledger reader woken up while running", e);
            }
        } catch (RuntimeException e) {
            LOG.error("delivery ledger reader stopped: jobs of other instances are not seen until restart", e);
        } finally {
            tail.close(Duration.ofSeconds(5));
        }
    }

    private void notePositions() {
        synchronized (progress) {
            for (TopicPartition tp : partitions) {
                readUpTo.put(tp, tail.position(tp));
            }
            progress.notifyAll();
        }
    }

    /**
     * Waits until the ledger has been read up to its current end, so that jobs other instances
     * wrote are known before this one takes over their partitions. Called from one thread only.
     */
    synchronized void catchUp(Duration timeout) throws InterruptedException {
        Map<TopicPartition, Long> end = probe.endOffsets(partitions, timeout);
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        synchronized (progress) {
            while (end.entrySet().stream().anyMatch(e -> readUpTo.getOrDefault(e.getKey(), 0L) < e.getValue())) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new IllegalStateException("delivery ledger " + topic + " not caught up within " + timeout);
                }
                progress.wait(left);
            }
        }
    }

    private void remember(String id, DeliveryJob job) {
        if (job == null) {
            jobs.remove(id);
            pending.remove(id);
            return;
        }
        jobs.put(id, job);
        if (job.pending()) {
            pending.put(id, job);
        } else {
            pending.remove(id);
        }
    }

    /**
     * Deletes (tombstones) the finished jobs of the partitions this instance owns whose last try is
     * older than {@code cutoff}, so that the ledger holds a bounded window of history instead of
     * every delivery ever made. Pending jobs are never deleted. Returns how many were deleted.
     */
    int forgetFinishedBefore(Instant cutoff) {
        int forgotten = 0;
        for (DeliveryJob job : List.copyOf(jobs.values())) {
            Instant last = lastActivity(job);
            if (job.pending() || !owned.test(job.partition()) || last == null || !last.isBefore(cutoff)) {
                continue;
            }
            // Forgotten in memory only once Kafka holds the tombstone: a failed write leaves the job for the next sweep.
            producer.send(new ProducerRecord<>(topic, job.jobId(), null), (meta, e) -> {
                if (e == null) {
                    jobs.remove(job.jobId(), job);
                } else {
                    LOG.errorf(e, "tombstone for finished delivery job %s not written; the next sweep tries again", job.jobId());
                }
            });
            forgotten++;
        }
        return forgotten;
    }

    private static Instant lastActivity(DeliveryJob job) {
        return job.attempts().isEmpty() ? job.created() : job.attempts().get(job.attempts().size() - 1).at();
    }

    public boolean knows(String jobId) {
        return jobs.containsKey(jobId);
    }

    public Optional<DeliveryJob> get(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    public Collection<DeliveryJob> pending() {
        return List.copyOf(pending.values());
    }

    public int pendingCount() {
        return pending.size();
    }

    /**
     * Writes new jobs and returns once Kafka holds them all; only then are they remembered, so a
     * failed write leaves them unknown and the match is taken again.
     */
    void recordAll(List<DeliveryJob> created, Duration timeout) throws Exception {
        List<CompletableFuture<Void>> writes = created.stream().map(this::send).toList();
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        created.forEach(j -> remember(j.jobId(), j));
    }

    /**
     * Remembers a changed job at once and writes it behind. The producer retries while the broker
     * is away; if the write still fails the job is logged, and after a restart the older state
     * makes it be tried again (at least once, never lost).
     */
    void record(DeliveryJob job) {
        remember(job.jobId(), job);
        send(job).whenComplete((ok, e) -> {
            if (e != null) {
                LOG.errorf(e, "delivery job %s (%s) not written to %s; a restart will try it again", job.jobId(), job.state(), topic);
            }
        });
    }

    private CompletableFuture<Void> send(DeliveryJob job) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic, job.jobId(), SERDE.serialize(topic, job)), (meta, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
            } else {
                done.complete(null);
            }
        });
        return done;
    }

    @Override
    public void close() {
        running = false;
        if (tail != null) {
            tail.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (tail != null) {
            tail.close(Duration.ofSeconds(5));
        }
        if (probe != null) {
            probe.close(Duration.ofSeconds(5));
        }
    }
}
