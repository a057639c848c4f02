package io.newsalert.enrich.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * Reads the trending counts from a hopping-window store: for each entity the window that started
 * longest ago but still within the period, i.e. the one covering the most of "the last hour"
 * (or day); its start is at most one advance (5 minutes, or 1 hour) later than now minus the period.
 */
public final class TrendingEntities {

    /** One entity and how many articles named it in the window. */
    public record Count(String type, String canonical, long count, Instant windowStart) {}

    private TrendingEntities() {}

    public static List<Count> top(ReadOnlyWindowStore<String, Long> store, Duration period, Instant now, int limit) {
        Map<String, KeyValue<Windowed<String>, Long>> earliest = new HashMap<>();
        try (KeyValueIterator<Windowed<String>, Long> it = store.fetchAll(now.minus(period).plusMillis(1), now)) {
            while (it.hasNext()) {
                KeyValue<Windowed<String>, Long> kv = it.next();
                earliest.merge(kv.key.key(), kv,
                        (a, b) -> a.key.window().start() <= b.key.window().start() ? a : b);
            }
        }
        List<Count> counts = new ArrayList<>();
        earliest.forEach((key, kv) -> {
            int bar = key.indexOf('|');
            counts.add(new Count(key.substring(0, bar), key.substring(bar + 1), kv.value, kv.key.window().startTime()));
        });
        counts.sort(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::canonical));
        return counts.size() > limit ? List.copyOf(counts.subList(0, limit)) : List.copyOf(counts);
    }
}
