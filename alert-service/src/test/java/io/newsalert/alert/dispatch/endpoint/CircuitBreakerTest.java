package io.newsalert.alert.dispatch.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-28T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    @Test
    void opensAfterTheThreshold_probesOnceAfterTheWait_andClosesOnSuccess() {
        CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock);
        breaker.failure();
        breaker.failure();
        assertThat(breaker.allow()).isTrue();
        breaker.failure();
        assertThat(breaker.isOpen()).isTrue();
        assertThat(breaker.allow()).isFalse();

        now.set(now.get().plusSeconds(31));
        assertThat(breaker.allow()).as("one probe").isTrue();
        assertThat(breaker.allow()).as("only one probe at a time").isFalse();
        breaker.failure();
        assertThat(breaker.allow()).as("a failed probe opens it again").isFalse();

        now.set(now.get().plusSeconds(31));
        assertThat(breaker.allow()).isTrue();
        breaker.success();
        assertThat(breaker.isOpen()).isFalse();
        assertThat(breaker.allow()).isTrue();
    }

    @Test
    void aSuccessResetsTheCount() {
        CircuitBreaker breaker = new CircuitBreaker(2, Duration.ofSeconds(30), clock);
        breaker.failure();
        breaker.success();
        breaker.failure();
        assertThat(breaker.isOpen()).isFalse();
    }
}
