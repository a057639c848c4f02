package io.newsalert.alert.dispatch.endpoint;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Isolation between endpoints: each endpoint gets its own lane with at most {@code concurrency}
 * sends in flight and at most {@code queueLimit} waiting, and its own {@link CircuitBreaker}. Sends
 * run on a shared pool whose threads are only ever held by in-flight sends, so a slow endpoint holds
 * at most {@code concurrency} threads and every other endpoint's sends start at once.
 */
public final class EndpointLanes implements AutoCloseable {

    private final int concurrency;
    private final int queueLimit;
    private final int breakerThreshold;
    private final Duration breakerOpenFor;
    private final Clock clock;
    private final ExecutorService pool;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    public EndpointLanes(int concurrency, int queueLimit, int breakerThreshold, Duration breakerOpenFor, Clock clock) {
        this.concurrency = concurrency;
        this.queueLimit = queueLimit;
        this.breakerThreshold = breakerThreshold;
        this.breakerOpenFor = breakerOpenFor;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "dispatch-send-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newCachedThreadPool(threads);
    }

    public CircuitBreaker breaker(String endpoint) {
        return lane(endpoint).breaker;
    }

    /**
     * Runs the send on the endpoint's lane. Returns false when the lane's queue is full: the caller
     * keeps the delivery and offers it again later.
     */
    public boolean submit(String endpoint, Runnable send) {
        return lane(endpoint).submit(send);
    }

    public long openCircuits() {
        return lanes.values().stream().filter(l -> l.breaker.isOpen()).count();
    }

    /** Sends waiting in all lanes (not counting the ones in flight). */
    public int queued() {
        return lanes.values().stream().mapToInt(Lane::queued).sum();
    }

    private Lane lane(String endpoint) {
        return lanes.computeIfAbsent(endpoint, e -> new Lane(new CircuitBreaker(breakerThreshold, breakerOpenFor, clock)));
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Lane {
        final CircuitBreaker breaker;
        private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
        private int inFlight;

        Lane(CircuitBreaker breaker) {
            this.breaker = breaker;
        }

        synchronized int queued() {
            return waiting.size();
        }

        boolean submit(Runnable send) {
            synchronized (this) {
                if (inFlight >= concurrency) {
                    if (waiting.size() >= queueLimit) {
                        return false;
                    }
                    waiting.add(send);
                    return true;
                }
                inFlight++;
            }
            start(send);
            return true;
        }

        private void start(Runnable send) {
            pool.execute(() -> {
                Runnable next = send;
                while (next != null) {
                    try {
                        next.run();
                    } finally {
                        synchronized (this) {
                            next = waiting.poll();
                            if (next == null) {
                                inFlight--;
                            }
                        }
                    }
                }
            });
        }
    }
}
