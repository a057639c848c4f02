package io.newsalert.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The provisioned Grafana dashboard, read as Grafana reads it: panels, their PromQL, the metric names in it. */
final class Dashboard {

    static final Path FILE = Paths.root().resolve("grafana/dashboards/newsalert.json");

    /** Every series the dashboard queries is ours or the Kafka client's; both prefixes are fixed. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:newsalert|kafka)_[a-zA-Z0-9_]+)\\b");
    private static final Pattern BY = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");

    record Query(String panel, String expr) {
        Set<String> metrics() {
            Set<String> names = new LinkedHashSet<>();
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }

        /** Labels the query groups by: they must exist on its metrics, or the panel shows one line for everything. */
        Set<String> groupingLabels() {
            Set<String> labels = new LinkedHashSet<>();
            Matcher m = BY.matcher(expr);
            while (m.find()) {
                for (String l : m.group(1).split(",")) {
                    if (!l.isBlank()) {
                        labels.add(l.trim());
                    }
                }
            }
            return labels;
        }
    }

    final JsonNode json;

    Dashboard() throws IOException {
        json = Api.JSON.readTree(FILE.toFile());
    }

    /** Panels (also inside collapsed rows) by title. */
    Map<String, JsonNode> panels() {
        Map<String, JsonNode> panels = new LinkedHashMap<>();
        collect(json.path("panels"), panels);
        return panels;
    }

    private static void collect(JsonNode list, Map<String, JsonNode> into) {
        for (JsonNode p : list) {
            if ("row".equals(p.path("type").asText())) {
                collect(p.path("panels"), into);
            } else {
                into.put(p.path("title").asText(), p);
            }
        }
    }

    List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        panels().forEach((title, panel) -> panel.path("targets").forEach(t -> queries.add(new Query(title, t.path("expr").asText()))));
        return queries;
    }

    Set<String> metricNames() {
        Set<String> names = new LinkedHashSet<>();
        queries().forEach(q -> names.addAll(q.metrics()));
        return names;
    }
}
