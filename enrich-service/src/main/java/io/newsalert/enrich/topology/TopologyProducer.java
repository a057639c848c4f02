package io.newsalert.enrich.topology;

import io.newsalert.enrich.analysis.Analysis;
import io.newsalert.enrich.analysis.ArticleAnalyzer;
import io.newsalert.events.EnrichedArticle;
import io.newsalert.events.Entity;
import io.newsalert.events.EventSerdes;
import io.newsalert.events.RawArticle;
import io.newsalert.events.SchemaVersion;
import io.newsalert.events.Topics;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The enrichment topology, in flow order:
 * <ol>
 *   <li>{@code news.articles.raw}, deduplicated by article id against the state store
 *       {@value #REVISIONS}: a higher revision replaces (and is enriched again), the same or a
 *       lower revision is a duplicate and is dropped (counted). An id is remembered for
 *       {@code newsalert.enrich.dedupe.remember} (default 14 days) after its last record, then
 *       forgotten by a wall-clock punctuation, so that the store stays bounded by the news of that
 *       period instead of growing for ever;</li>
 *   <li>analysis (language, entities, topics); an article whose analysis throws goes on with
 *       {@code enrichmentError} set, un-enriched, so that nothing is lost and the partition moves on;</li>
 *   <li>{@code news.articles.enriched}, keyed by article id;</li>
 *   <li>trending entities: each article counts once per canonical entity in hopping windows of an
 *       hour ({@value #TRENDING_HOUR}) and a day ({@value #TRENDING_DAY}), queried by the REST API.</li>
 * </ol>
 */
@ApplicationScoped
public class TopologyProducer {

    /** Highest revision seen per article id, with the time of its last record ("-v2": now timestamped). */
    public static final String REVISIONS = "article-revisions-v2";
    /** How long an id is remembered when the configuration does not say. */
    public static final Duration DEFAULT_REMEMBER = Duration.ofDays(14);
    public static final String TRENDING_HOUR = "trending-1h";
    public static final String TRENDING_DAY = "trending-1d";
    /** The hour window moves every 5 minutes, the day window every hour: "last hour" is never staler than that. */
    public static final TimeWindows HOUR = TimeWindows.ofSizeAndGrace(Duration.ofHours(1), Duration.ofMinutes(10))
            .advanceBy(Duration.ofMinutes(5));
    public static final TimeWindows DAY = TimeWindows.ofSizeAndGrace(Duration.ofDays(1), Duration.ofMinutes(10))
            .advanceBy(Duration.ofHours(1));

    private final ArticleAnalyzer analyzer;
    private final EnrichMetrics metrics;
    private final Duration remember;

    public TopologyProducer(ArticleAnalyzer analyzer, EnrichMetrics metrics,
            @ConfigProperty(name = "newsalert.enrich.dedupe.remember", defaultValue = "14d") Duration remember) {
        this.analyzer = analyzer;
        this.metrics = metrics;
        this.remember = remember;
    }

    @Produces
    public Topology buildTopology() {
        return build(analyzer::analyze, metrics, remember);
    }

    /** The topology over any analysis function, so that tests can make analysis fail on purpose. */
    public static Topology build(Function<RawArticle, Analysis> analysis, EnrichMetrics metrics) {
        return build(analysis, metrics, DEFAULT_REMEMBER);
    }

    /** As {@link #build(Function, EnrichMetrics)}, remembering each article id for {@code remember}. */
    public static Topology build(Function<RawArticle, Analysis> analysis, EnrichMetrics metrics, Duration remember) {
        if (remember.isNegative() || remember.isZero()) {
            throw new IllegalArgumentException("newsalert.enrich.dedupe.remember must be positive, was " + remember);
        }
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(REVISIONS), Serdes.String(), Serdes.Integer()));

        KStream<String, EnrichedArticle> enriched = builder
                .stream(Topics.ARTICLES_RAW, Consumed.with(Serdes.String(), new EventSerdes.RawArticleSerde()))
                .processValues(() -> new Dedupe(metrics, remember), REVISIONS)
                .mapValues(article -> enrich(article, analysis, metrics));
        enriched.to(Topics.ARTICLES_ENRICHED, Produced.with(Serdes.String(), new EventSerdes.EnrichedArticleSerde()));

        KGroupedStream<String, String> mentions = enriched
                .flatMap((id, article) -> distinctEntities(article).stream().map(k -> KeyValue.pair(k, id)).toList())
                .groupByKey(Grouped.with("trending-entities", Serdes.String(), Serdes.String()));
        mentions.windowedBy(HOUR).count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(TRENDING_HOUR)
                .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        mentions.windowedBy(DAY).count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(TRENDING_DAY)
                .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        return builder.build();
    }

    static EnrichedArticle enrich(RawArticle article, Function<RawArticle, Analysis> analysis, EnrichMetrics metrics) {
        long t0 = System.nanoTime();
        EnrichedArticle out;
        try {
            Analysis a = analysis.apply(article);
            out = new EnrichedArticle(SchemaVersion.CURRENT, article, a.language(), a.entities(), a.topics(), null, Instant.now());
        } catch (RuntimeException | StackOverflowError e) {
            // Passed on un-enriched with the reason: a bad article must neither vanish nor stall its partition.
            Log.errorf(e, "analysis of article %s failed; passing it on un-enriched", article.id());
            metrics.failed();
            out = new EnrichedArticle(SchemaVersion.CURRENT, article, article.languageHint(), List.of(), List.of(),
                    e.getClass().getSimpleName() + ": " + e.getMessage(), Instant.now());
        }
        metrics.analysed(Duration.ofNanos(System.nanoTime() - t0));
        metrics.published(out.language(), out.entities());
        return out;
    }

    /** The trending key of each entity an article names, once per article: {@code TYPE|canonical}. */
    static Set<String> distinctEntities(EnrichedArticle article) {
        Set<String> keys = new LinkedHashSet<>();
        for (Entity e : article.entities()) {
            keys.add(e.type().name() + "|" + e.canonical());
        }
        return keys;
    }

    /**
     * Lets through the first sight of an article and each higher revision; drops the rest. Forgets an
     * id {@code remember} after its last record (checked every {@code remember / 24}, at most hourly).
     */
    static final class Dedupe implements FixedKeyProcessor<String, RawArticle, RawArticle> {
        private final EnrichMetrics metrics;
        private final Duration remember;
        private FixedKeyProcessorContext<String, RawArticle> context;
        private TimestampedKeyValueStore<String, Integer> revisions;

        Dedupe(EnrichMetrics metrics, Duration remember) {
            this.metrics = metrics;
            this.remember = remember;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, RawArticle> context) {
            this.context = context;
            this.revisions = context.getStateStore(REVISIONS);
            Duration every = remember.dividedBy(24);
            if (every.compareTo(Duration.ofHours(1)) > 0) {
                every = Duration.ofHours(1);
            }
            context.schedule(every.isZero() ? Duration.ofMillis(1) : every, PunctuationType.WALL_CLOCK_TIME, this::forgetOld);
        }

        @Override
        public void process(FixedKeyRecord<String, RawArticle> record) {
            metrics.received();
            RawArticle article = record.value();
            if (record.key() == null || article == null) {
                Log.errorf("raw record without %s at %s; nothing to enrich",
                        record.key() == null ? "key" : "value", context.recordMetadata().map(Object::toString).orElse("?"));
                metrics.unreadable();
                return;
            }
            ValueAndTimestamp<Integer> seen = revisions.get(record.key());
            if (seen != null && article.revision() <= seen.value()) {
                // A newer copy renews the memory (the article is still around); an older one writes nothing.
                if (record.timestamp() > seen.timestamp()) {
                    revisions.put(record.key(), ValueAndTimestamp.make(seen.value(), record.timestamp()));
                }
                metrics.duplicate();
                return;
            }
            revisions.put(record.key(), ValueAndTimestamp.make(article.revision(), record.timestamp()));
            context.forward(record);
        }

        private void forgetOld(long now) {
            long before = now - remember.toMillis();
            int forgotten = 0;
            // RocksDB iterators read a snapshot, so deleting while iterating is safe.
            try (KeyValueIterator<String, ValueAndTimestamp<Integer>> all = revisions.all()) {
                while (all.hasNext()) {
                    KeyValue<String, ValueAndTimestamp<Integer>> entry = all.next();
                    if (entry.value.timestamp() < before) {
                        revisions.delete(entry.key);
                        forgotten++;
                    }
                }
            }
            metrics.forgotten(forgotten);
        }
    }
}
