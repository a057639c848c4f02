package io.newsalert.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a feed is polled next: its interval after a success, a quick retry after one failure, backing off after more. */
class PollSettingsTest {

    final PollSettings settings = PollSettings.defaults();
    final Duration fiveMinutes = Duration.ofMinutes(5);

    @Test
    void afterASuccessTheFeedsOwnIntervalNeverBelowTheMinimumStretchedByTheServersMaxAge() {
        assertThat(settings.delay(fiveMinutes, 0, null)).isEqualTo(fiveMinutes);
        assertThat(settings.delay(Duration.ofSeconds(5), 0, null)).as("below the minimum").isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.delay(fiveMinutes, 0, Duration.ofMinutes(20))).isEqualTo(Duration.ofMinutes(20));
        assertThat(settings.delay(fiveMinutes, 0, Duration.ofDays(1))).as("max-age capped").isEqualTo(Duration.ofHours(2));
    }

    @Test
    void oneFailedPollIsRetriedAfterTheMinimumIntervalAndFurtherFailuresBackOffToTheCap() {
        // Before: twice the feed's interval after the first failure (10 minutes here), however short the blip.
        assertThat(settings.delay(fiveMinutes, 1, null)).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.delay(fiveMinutes, 2, null)).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.delay(fiveMinutes, 4, null)).isEqualTo(Duration.ofMinutes(8));
        assertThat(settings.delay(fiveMinutes, 8, null)).isEqualTo(Duration.ofHours(2));
        assertThat(settings.delay(fiveMinutes, 1_000, null)).as("no overflow").isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aServersRetryAfterIsRespectedAndAFeedSlowerThanTheCapKeepsItsInterval() {
        assertThat(settings.delay(fiveMinutes, 1, Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(30));
        Duration sixHours = Duration.ofHours(6);
        assertThat(settings.delay(sixHours, 20, null)).isEqualTo(sixHours);
        assertThat(settings.delay(sixHours, 1, null)).as("a failed poll of a slow feed is retried soon too").isEqualTo(Duration.ofMinutes(1));
    }
}
