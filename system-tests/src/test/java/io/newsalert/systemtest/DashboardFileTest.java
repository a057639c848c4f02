package io.newsalert.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard shows what the issue asks an operator to see, each panel from a metric of
 * the agreed names. That those names are really exported is checked against the running services in
 * {@link PipelineEndToEndTest#everyMetricTheDashboardQueriesIsExportedByARunningService()}.
 */
class DashboardFileTest {

    /** The agreed Micrometer names as Prometheus shows them (dots to underscores, counters _total, timers _seconds). */
    static final List<String> AGREED = List.of(
            "newsalert_ingest_articles_published_total",
            "newsalert_ingest_fetches_total",
            "newsalert_ingest_fetch_duration_seconds",
            "newsalert_ingest_feeds_failing",
            "newsalert_ingest_feeds_stale",
            "newsalert_enrich_articles_total",
            "newsalert_enrich_entities_total",
            "newsalert_enrich_duration_seconds",
            "newsalert_enrich_errors_total",
            "newsalert_alert_articles_received_total",
            "newsalert_alert_matches_total",
            "newsalert_alert_subscription_matches_hour",
            "newsalert_alert_match_duration_seconds",
            "newsalert_alert_deliveries_total",
            "newsalert_alert_retry_pending",
            "newsalert_alert_dlq_total",
            "newsalert_alert_end_to_end_seconds_bucket",
            "kafka_consumer_fetch_manager_records_lag_max");

    @Test
    void everyAgreedMetricIsOnTheDashboard() throws Exception {
        Set<String> used = new Dashboard().metricNames();
        List<String> absent = new ArrayList<>();
        for (String agreed : AGREED) {
            if (used.stream().noneMatch(u -> u.equals(agreed) || u.startsWith(agreed + "_"))) {
                absent.add(agreed);
            }
        }
        assertThat(absent).as("agreed metrics no panel shows").isEmpty();
    }

    @Test
    void everyPanelQueriesAtLeastOneOfOurMetrics() throws Exception {
        Dashboard dashboard = new Dashboard();
        List<String> empty = new ArrayList<>();
        dashboard.panels().forEach((title, panel) -> {
            if (panel.path("targets").isEmpty()) {
                empty.add(title + " (no query)");
            }
        });
        dashboard.queries().stream().filter(q -> q.metrics().isEmpty()).forEach(q -> empty.add(q.panel() + ": " + q.expr()));
        assertThat(empty).isEmpty();
    }

    @Test
    void showsWhatTheOperatorAskedFor() throws Exception {
        assertThat(new Dashboard().panels().keySet()).contains(
                "Articles ingested per feed", "Articles ingested in total", "Feed errors per feed", "Failing and stale feeds",
                "Enrichment rate by language", "Enrichment latency", "Language mix", "Entity mix",
                "Matches per subscription", "Deliveries by outcome", "Retry queue, dead letters, open circuits",
                "End-to-end latency, fetch to delivery", "Consumer lag per consumer");
    }

    @Test
    void endToEndLatencyShowsP50P95AndP99FromTheHistogram() throws Exception {
        List<String> exprs = new Dashboard().panels().get("End-to-end latency, fetch to delivery").findValuesAsText("expr");
        assertThat(exprs).hasSize(3);
        assertThat(exprs.get(0)).startsWith("histogram_quantile(0.5,").contains("newsalert_alert_end_to_end_seconds_bucket");
        assertThat(exprs.get(1)).startsWith("histogram_quantile(0.95,");
        assertThat(exprs.get(2)).startsWith("histogram_quantile(0.99,");
    }

    @Test
    void readsQueriesAsTheChecksNeed() {
        Dashboard.Query q = new Dashboard.Query("p", "sum by (channel, outcome) (rate(newsalert_alert_deliveries_total{outcome=\"dead\"}[5m]))");
        assertThat(q.metrics()).containsExactly("newsalert_alert_deliveries_total");
        assertThat(q.groupingLabels()).containsExactly("channel", "outcome");
    }
}
