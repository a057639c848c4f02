package io.newsalert.alert.dispatch.endpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One endpoint's circuit breaker. After {@code threshold} failed tries in a row it opens: tries are
 * not sent but fail at once (and count against their retry schedule) until {@code openFor} has
 * passed; then one probe goes through (half-open) and its answer closes or re-opens the circuit.
 * So a dead endpoint costs one timeout per {@code openFor}, not one per queued alert.
 */
public final class CircuitBreaker {

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private int failuresInARow;
    private Instant openUntil;
    private boolean probing;

    public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Whether a try may go to the endpoint now. */
    public synchronized boolean allow() {
        if (openUntil == null) {
            return true;
        }
        if (!probing && !clock.instant().isBefore(openUntil)) {
            probing = true;
            return true;
        }
        return false;
    }

    public synchronized void success() {
        failuresInARow = 0;
        openUntil = null;
        probing = false;
    }

    public synchronized void failure() {
        failuresInARow++;
        if (probing || failuresInARow >= threshold) {
            openUntil = clock.instant().plus(openFor);
        }
        probing = false;
    }

    public synchronized boolean isOpen() {
        return openUntil != null;
    }
}
