package io.newsalert.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus' own checker on our files, where it is installed: the scrape config is valid, and
 * every dashboard query is valid PromQL (each is checked as a recording rule, with Grafana's
 * interval variables replaced by durations).
 */
class PromtoolTest {

    @Test
    void prometheusAcceptsTheScrapeConfig() throws Exception {
        String said = promtool("check", "config", Paths.root().resolve("prometheus/prometheus.yml").toString());
        assertThat(said).contains("SUCCESS");
    }

    @Test
    void everyDashboardQueryIsValidPromQl(@TempDir Path dir) throws Exception {
        List<Dashboard.Query> queries = new Dashboard().queries();
        StringBuilder rules = new StringBuilder("groups:\n- name: dashboard\n  rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            String expr = queries.get(i).expr().replace("$__rate_interval", "5m").replace("$__range", "1h");
            rules.append("  - record: dashboard_query_").append(i).append('\n')
                    .append("    expr: ").append(Api.JSON.writeValueAsString(expr)).append('\n');
        }
        Path file = dir.resolve("dashboard-rules.yml");
        Files.writeString(file, rules);
        assertThat(promtool("check", "rules", file.toString())).contains("SUCCESS: " + queries.size() + " rules found");
    }

    private static String promtool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            assumeTrue(false, "SKIPPED: promtool (Prometheus' checker) is not installed here: " + notInstalled.getMessage());
            throw notInstalled;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s said:%n%s", String.join(" ", command), out).isZero();
        return out;
    }
}
