package io.newsalert.enrich.api;

import io.newsalert.enrich.topology.TopologyProducer;
import io.newsalert.enrich.topology.TrendingEntities;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * {@code GET /api/entities/trending?window=1h|1d&limit=20}: the canonical entities named by most
 * articles in the last hour or day, answered from this instance's window stores (interactive
 * queries). With several instances each answers for the partitions it holds.
 */
@Path("/api/entities/trending")
@Produces(MediaType.APPLICATION_JSON)
public class TrendingResource {

    public record Trending(String window, Instant asOf, List<TrendingEntities.Count> entities) {}

    @Inject
    KafkaStreams streams;

    @GET
    public Response trending(@QueryParam("window") @DefaultValue("1h") String window,
                             @QueryParam("limit") @DefaultValue("20") int limit) {
        String store;
        Duration period;
        switch (window) {
            case "1h" -> { store = TopologyProducer.TRENDING_HOUR; period = Duration.ofHours(1); }
            case "1d", "24h" -> { store = TopologyProducer.TRENDING_DAY; period = Duration.ofDays(1); }
            default -> {
                return Response.status(Response.Status.BAD_REQUEST)
                        .entity(Map.of("error", "window must be 1h or 1d, not \"" + window + "\"")).build();
            }
        }
        if (limit < 1 || limit > 1000) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Map.of("error", "limit must be between 1 and 1000")).build();
        }
        ReadOnlyWindowStore<String, Long> windows;
        try {
            windows = streams.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, Long>windowStore()));
        } catch (InvalidStateStoreException e) {
            // Rebalancing or still restoring: say so rather than answer an empty (wrong) list.
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                    .entity(Map.of("error", "trending counts are not available yet: " + e.getMessage())).build();
        }
        Instant now = Instant.now();
        return Response.ok(new Trending(window, now, TrendingEntities.top(windows, period, now, limit))).build();
    }
}
