package io.newsalert.alert.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Regression: a write that fails while the broker is away is retried, not given up (which stopped intake for good). */
class RetryUntilWrittenTest {

    @Test
    void aWriteThatFailsForAWhileIsRetriedWithGrowingWaitsUntilItSucceeds() throws Exception {
        RetryUntilWritten retry = new RetryUntilWritten(Duration.ofMillis(20), Duration.ofMillis(50));
        AtomicInteger tries = new AtomicInteger();
        List<Long> at = new ArrayList<>();
        String result = retry.write("a test write", () -> {
            at.add(System.nanoTime());
            if (tries.incrementAndGet() <= 4) {
                throw new IllegalStateException("Kafka did not acknowledge a match on article a1 within 30 s");
            }
            return "written";
        });

        assertThat(result).isEqualTo("written");
        assertThat(tries).hasValue(5);
        assertThat(retry.failures()).isEqualTo(4);
        // waits of 20, 40, 50, 50 ms: growing, capped
        assertThat((at.get(1) - at.get(0)) / 1_000_000).isGreaterThanOrEqualTo(18);
        assertThat((at.get(2) - at.get(1)) / 1_000_000).isGreaterThanOrEqualTo(38);
        assertThat((at.get(4) - at.get(3)) / 1_000_000).isBetween(48L, 2_000L);
    }

    @Test
    void stoppingTheServiceEndsTheRetriesWithoutAResult() throws Exception {
        RetryUntilWritten retry = new RetryUntilWritten(Duration.ofMillis(10), Duration.ofMillis(10));
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                retry.write("a write that never succeeds", () -> {
                    throw new IllegalStateException("broker away");
                });
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        writer.start();
        Thread.sleep(100);
        writer.interrupt();
        writer.join(5000);

        assertThat(writer.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void otherFailuresAreNotRetried() {
        RetryUntilWritten retry = new RetryUntilWritten(Duration.ofMillis(10), Duration.ofMillis(10));
        assertThatThrownBy(() -> retry.write("x", () -> {
            throw new IllegalArgumentException("a bug, not an outage");
        })).isInstanceOf(IllegalArgumentException.class);
    }
}
