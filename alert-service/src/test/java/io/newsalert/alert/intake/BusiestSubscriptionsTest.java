package io.newsalert.alert.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsalert.alert.dispatch.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The per-subscription match gauge: only the busiest subscriptions are exported, counted over a
 * rolling hour. The hour is walked with a clock the test moves: a test cannot wait for it.
 */
class BusiestSubscriptionsTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final BusiestSubscriptions busiest = new BusiestSubscriptions(registry, clock);

    @Test
    void exportsOnlyTheBusiestSubscriptionsWithTheirMatchesOfTheLastHour() {
        List<String> ids = new ArrayList<>();
        // s0 matches once, s1 twice, ... s49 fifty times: one series each would be fifty.
        for (int i = 0; i < 50; i++) {
            ids.addAll(Collections.nCopies(i + 1, "s" + i));
        }
        busiest.record(ids);
        busiest.refresh();
        Map<String, Double> exported = exported();
        assertThat(exported).hasSize(BusiestSubscriptions.TOP).containsEntry("s49", 50.0).containsEntry("s30", 31.0)
                .doesNotContainKey("s29").doesNotContainKey("s0");
        assertThat(busiest.top().keySet()).startsWith("s49", "s48");
    }

    @Test
    void aSubscriptionFallsOutOfTheGaugeWhenItsMatchesAreOlderThanAnHour() {
        busiest.record(List.of("old", "old", "old"));
        assertThat(exported()).as("at the first match, before any refresh").containsEntry("old", 3.0);
        clock.advance(Duration.ofMinutes(40));
        busiest.record(List.of("new"));
        assertThat(exported()).as("until the next refresh").doesNotContainKey("new");
        busiest.refresh();
        assertThat(exported()).containsEntry("old", 3.0).containsEntry("new", 1.0);

        clock.advance(Duration.ofMinutes(30));
        busiest.refresh();
        assertThat(exported()).as("70 minutes after its matches").doesNotContainKey("old").containsEntry("new", 1.0);

        clock.advance(Duration.ofMinutes(45));
        busiest.refresh();
        assertThat(exported()).isEmpty();
    }

    @Test
    void countsAddUpAcrossBucketsWithinTheHour() {
        for (int minute = 0; minute < 50; minute += 5) {
            busiest.record(List.of("steady"));
            clock.advance(Duration.ofMinutes(5));
        }
        busiest.refresh();
        assertThat(exported()).containsEntry("steady", 10.0);
    }

    private Map<String, Double> exported() {
        Map<String, Double> out = new TreeMap<>();
        for (Gauge g : registry.find("newsalert.alert.subscription.matches.hour").gauges()) {
            out.put(g.getId().getTag("subscription"), g.value());
        }
        return out;
    }
}
