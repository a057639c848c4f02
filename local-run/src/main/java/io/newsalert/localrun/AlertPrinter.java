package io.newsalert.localrun;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a webhook body into a few lines a person reads in a terminal. It looks for the fields the
 * alert payload carries (article title and link, matched terms, snippet, entities) and shows the raw
 * body for anything it does not recognise, so that no alert is ever printed as nothing.
 */
public final class AlertPrinter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertPrinter() {}

    public static String describe(WebhookReceiver.Delivery delivery) {
        StringBuilder out = new StringBuilder();
        if (!delivery.verified()) {
            out.append("REJECTED webhook ").append(delivery.id()).append(": ").append(delivery.rejection()).append('\n');
            out.append("  body: ").append(abbreviate(delivery.body(), 500)).append('\n');
            return out.toString();
        }
        JsonNode root;
        try {
            root = JSON.readTree(delivery.body());
        } catch (JsonProcessingException e) {
            return "ALERT " + delivery.id() + " (body is not JSON: " + e.getOriginalMessage() + ")\n  " + abbreviate(delivery.body(), 500) + '\n';
        }
        // Standard Webhooks envelope: {"type", "timestamp", "data"}; older or foreign bodies are bare.
        String type = root.path("type").asText("");
        JsonNode data = root.path("data").isObject() ? root.path("data") : root;
        List<JsonNode> alerts = new ArrayList<>();
        // A digest carries a list; an immediate alert is one object.
        for (String listField : List.of("alerts", "matches", "items")) {
            if (data.path(listField).isArray()) {
                data.path(listField).forEach(alerts::add);
            }
        }
        boolean digest = type.endsWith("digest") || !alerts.isEmpty();
        if (alerts.isEmpty()) {
            alerts.add(data);
        }
        String subscription = firstText(data, "subscription.name", "subscription.query", "subscription.id", "subscriptionId", "subscription");
        out.append(type.endsWith("test") ? "TEST " : digest ? "DIGEST " : "ALERT ").append(delivery.id());
        if (subscription != null) {
            out.append(" for subscription ").append(subscription);
        }
        out.append('\n');
        for (JsonNode alert : alerts) {
            String title = firstText(alert, "article.title", "title");
            String link = firstText(alert, "article.link", "link");
            String snippet = firstText(alert, "snippet", "match.snippet", "article.snippet");
            List<String> terms = texts(alert, "matchedTerms", "terms", "spans.term", "match.spans.term");
            List<String> entities = texts(alert, "article.entities.canonical", "entities.canonical");
            if (title == null && link == null && snippet == null) {
                out.append("  ").append(abbreviate(alert.toString(), 500)).append('\n');
                continue;
            }
            out.append("  ").append(title == null ? "(no title)" : title).append('\n');
            if (link != null) {
                out.append("  ").append(link).append('\n');
            }
            if (!terms.isEmpty()) {
                out.append("  matched: ").append(String.join(", ", terms.stream().distinct().toList())).append('\n');
            }
            if (snippet != null) {
                // The snippet carries its own ellipses where it cuts the text.
                out.append("  ").append(abbreviate(snippet, 300)).append('\n');
            }
            if (!entities.isEmpty()) {
                out.append("  entities: ").append(String.join(", ", entities.stream().distinct().limit(12).toList())).append('\n');
            }
        }
        return out.toString();
    }

    private static String firstText(JsonNode node, String... paths) {
        for (String path : paths) {
            JsonNode n = node;
            for (String part : path.split("\\.")) {
                n = n.path(part);
            }
            if (n.isValueNode() && !n.asText().isBlank()) {
                return n.asText();
            }
        }
        return null;
    }

    /** Values at a dotted path, stepping through arrays on the way. */
    private static List<String> texts(JsonNode node, String... paths) {
        for (String path : paths) {
            List<JsonNode> level = List.of(node);
            for (String part : path.split("\\.")) {
                List<JsonNode> next = new ArrayList<>();
                for (JsonNode n : level) {
                    JsonNode child = n.path(part);
                    if (child.isArray()) {
                        child.forEach(next::add);
                    } else if (!child.isMissingNode() && !child.isNull()) {
                        next.add(child);
                    }
                }
                level = next;
            }
            List<String> values = level.stream().filter(JsonNode::isValueNode).map(JsonNode::asText).toList();
            if (!values.isEmpty()) {
                return values;
            }
        }
        return List.of();
    }

    private static String abbreviate(String s, int max) {
        String flat = s.replaceAll("\\s+", " ").trim();
        return flat.length() <= max ? flat : flat.substring(0, max) + "\u2026";
    }
}
