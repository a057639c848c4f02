package io.newsalert.alert.intake;

import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Repeats a write to Kafka until it succeeds, waiting longer after each failure (capped). The
 * article in hand is not acknowledged meanwhile, so its offset is not committed and nothing is
 * skipped; its partition waits, which is the backpressure a broker outage calls for. Giving up
 * instead (the channel's fail-stop) left alert-service running but deaf for good after a 30-s broker
 * stop, as the soak harness found.
 */
final class RetryUntilWritten {

    private static final Logger LOG = Logger.getLogger(RetryUntilWritten.class);

    private final Duration firstWait;
    private final Duration maxWait;
    private long failures;

    RetryUntilWritten(Duration firstWait, Duration maxWait) {
        this.firstWait = firstWait;
        this.maxWait = maxWait;
    }

    /**
     * @param what for the log, e.g. "the matches of article X"
     * @throws InterruptedException when the service stops while waiting (the article stays unacknowledged)
     */
    <T> T write(String what, Supplier<T> attempt) throws InterruptedException {
        long wait = firstWait.toMillis();
        for (int tries = 1; ; tries++) {
            try {
                return attempt.get();
            } catch (IllegalStateException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("stopped while writing " + what);
                }
                synchronized (this) {
                    failures++;
                }
                LOG.warnf("writing %s failed (try %d), trying again in %d ms: %s", what, tries, wait, e.getMessage());
                Thread.sleep(wait);
                wait = Math.min(wait * 2, maxWait.toMillis());
            }
        }
    }

    /** Failed tries since start (each one retried). */
    synchronized long failures() {
        return failures;
    }
}
