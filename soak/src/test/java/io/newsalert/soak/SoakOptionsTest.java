package io.newsalert.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsalert.soak.faults.Fault;
import org.junit.jupiter.api.Test;

class SoakOptionsTest {

    @Test
    void readsTheIssuesCommandLine() {
        SoakOptions o = SoakOptions.parse(new String[] {"--minutes", "10", "--rate", "20", "--feeds", "200", "--subscriptions", "10000",
                "--fault", "kill-ingest", "--fault", "webhook-500", "--fault", "burst"});
        assertThat(o.minutes()).isEqualTo(10);
        assertThat(o.faults()).containsExactly(Fault.KILL_INGEST, Fault.WEBHOOK_500, Fault.BURST);
        assertThat(o.minVisibleSeconds()).isEqualTo(10);
        // 20/s with a 10x burst: at most 10 of 12,000 articles a minute per query, a third of the limit,
        // judged on a sample where a query at the limit (30 of 12,000) would hit 40 times
        assertThat(o.maxQueryShare()).isEqualTo(10.0 / 12_000);
        assertThat(o.sampleArticles()).isEqualTo(16_000);
    }

    @Test
    void withoutABurstTheSampleStaysSmall() {
        SoakOptions o = SoakOptions.parse(new String[] {"--rate", "20"});
        assertThat(o.maxQueryShare()).isEqualTo(10.0 / 1_200);
        assertThat(o.sampleArticles()).isEqualTo(2000);
    }

    @Test
    void refusesUnknownFaultsAndOptions() {
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--fault", "meteor"})).hasMessageContaining("kill-ingest");
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--speed", "1"})).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--rate"})).hasMessageContaining("needs a value");
    }

    @Test
    void everyFaultHasItsCommandLineName() {
        for (Fault f : Fault.values()) {
            assertThat(Fault.parse(f.cliName())).isEqualTo(f);
        }
        assertThat(Fault.KILL_ALL.cliName()).isEqualTo("kill-all");
    }
}
