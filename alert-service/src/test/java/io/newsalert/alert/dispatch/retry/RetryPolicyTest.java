package io.newsalert.alert.dispatch.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(RetryPolicy.DEFAULT_SCHEDULE, 0.2, Duration.ofHours(6));

    @ParameterizedTest
    @CsvSource({"200,DELIVERED", "204,DELIVERED", "299,DELIVERED", "301,PERMANENT", "400,PERMANENT", "401,PERMANENT",
        "404,PERMANENT", "410,PERMANENT", "408,RETRY", "429,RETRY", "500,RETRY", "502,RETRY", "503,RETRY", "599,RETRY"})
    void classifiesAnswers(int status, Verdict expected) {
        assertThat(RetryPolicy.classify(status)).isEqualTo(expected);
    }

    @Test
    void followsTheDefaultScheduleWithinTheJitterThenGivesUp() {
        assertThat(policy.maxAttempts()).isEqualTo(7);
        List<Duration> base = RetryPolicy.DEFAULT_SCHEDULE;
        for (int attempt = 1; attempt <= 6; attempt++) {
            Duration expected = base.get(attempt - 1);
            for (int i = 0; i < 50; i++) {
                Duration d = policy.nextDelay(attempt, null).orElseThrow();
                assertThat(d.toMillis()).isBetween(Math.round(expected.toMillis() * 0.8), Math.round(expected.toMillis() * 1.2));
            }
        }
        assertThat(policy.nextDelay(7, null)).isEmpty();
    }

    @Test
    void jitterSpreadsTheDelays() {
        long distinct = java.util.stream.IntStream.range(0, 20).mapToObj(i -> policy.nextDelay(1, null).orElseThrow())
                .distinct().count();
        assertThat(distinct).isGreaterThan(5);
    }

    @Test
    void aLongerRetryAfterWinsButIsCapped() {
        assertThat(policy.nextDelay(1, Duration.ofSeconds(60))).contains(Duration.ofSeconds(60));
        assertThat(policy.nextDelay(1, Duration.ofDays(3))).contains(Duration.ofHours(6));
        assertThat(policy.nextDelay(1, Duration.ofMillis(1)).orElseThrow()).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void readsRetryAfterAsSecondsOrHttpDate() {
        Instant now = Instant.parse("2026-11-28T10:00:00Z");
        assertThat(RetryPolicy.parseRetryAfter("120", now)).contains(Duration.ofSeconds(120));
        assertThat(RetryPolicy.parseRetryAfter("Sat, 28 Nov 2026 10:05:00 GMT", now)).contains(Duration.ofMinutes(5));
        assertThat(RetryPolicy.parseRetryAfter("Sat, 28 Nov 2026 09:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter("soon", now)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter(null, now)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter("-5", now)).isEmpty();
    }
}
