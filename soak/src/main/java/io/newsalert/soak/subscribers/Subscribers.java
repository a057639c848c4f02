package io.newsalert.soak.subscribers;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsalert.soak.receiver.DeliveryRecorder;
import io.newsalert.soak.system.Api;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Registers the subscriptions through alert-service's API, each with a webhook on the recorder. 32 at
 * a time: a POST returns only once the service has read its write back, so it is latency-bound.
 */
public final class Subscribers {

    /** A registered subscription: its id as the product gave it, and its query. */
    public record Registered(String id, String query) {}

    private Subscribers() {}

    public static List<Registered> register(Api api, URI subscriptions, List<String> queries, DeliveryRecorder recorder) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<Registered>> futures = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                int n = i;
                String q = queries.get(i);
                futures.add(pool.submit(() -> {
                    Api.Answer a = api.post(subscriptions, Map.of(
                            "name", "soak-" + n,
                            "query", q,
                            "frequency", "immediate",
                            "channels", List.of(Map.of("type", "webhook", "url", recorder.url(n).toString()))));
                    if (a.status() != 201) {
                        throw new IllegalStateException("POST /api/subscriptions for query " + q + " answered " + a.status() + ": " + a.body());
                    }
                    JsonNode s = a.json();
                    String id = s.path("id").asText();
                    for (JsonNode c : s.path("channels")) {
                        if ("webhook".equals(c.path("type").asText())) {
                            recorder.secret(id, c.path("secret").asText());
                        }
                    }
                    return new Registered(id, q);
                }));
            }
            List<Registered> out = new ArrayList<>();
            for (Future<Registered> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
