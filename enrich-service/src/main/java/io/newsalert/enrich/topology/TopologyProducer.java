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
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The enrichment topology, in flow order:
 * <ol>
 *   <li>{@code news.articles.raw}, deduplicated by article id against the state store
 *       {@value #REVISIONS}: a higher revision replaces (and is enriched again), the same or a
 *       lower revision is a duplicate and is dropped (counted);</li>
 *   <li>analysis (language, entities, topics); an article whose analysis throws goes on with
 *       {@code enrichmentError} set, un-enriched, so that nothing is lost and the partition moves on;</li>
 *   <li>{@code news.articles.enriched}, keyed by article id;</li>
 *   <li>trending entities: each article counts once per canonical entity in hopping windows of an
 *       hour ({@value #TRENDING_HOUR}) and a day ({@value #TRENDING_DAY}), queried by the REST API.</li>
 * </ol>
 */
@ApplicationScoped
public class TopologyProducer {

    public static final String REVISIONS = "article-revisions";
    public static final String TRENDING_HOUR = "trending-1h";
    public static final String TRENDING_DAY = "trending-1d";
    /** The hour window moves every 5 minutes, the day window every hour: "last hour" is never staler than that. */
    public static final TimeWindows HOUR = TimeWindows.ofSizeAndGrace(Duration.ofHours(1), Duration.ofMinutes(10))
            .advanceBy(Duration.ofMinutes(5));
    public static final TimeWindows DAY = TimeWindows.ofSizeAndGrace(Duration.ofDays(1), Duration.ofMinutes(10))
            .advanceBy(Duration.ofHours(1));

    private final ArticleAnalyzer analyzer;
    private final EnrichMetrics metrics;

    public TopologyProducer(ArticleAnalyzer analyzer, EnrichMetrics metrics) {
        this.analyzer = analyzer;
        this.metrics = metrics;
    }

    @Produces
    public Topology buildTopology() {
        return build(analyzer::analyze, metrics);
    }

    /** The topology over any analysis function, so that tests can make analysis fail on purpose. */
    public static Topology build(Function<RawArticle, Analysis> analysis, EnrichMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(REVISIONS), Serdes.String(), Serdes.Integer()));

        KStream<String, EnrichedArticle> enriched = builder
                .stream(Topics.ARTICLES_RAW, Consumed.with(Serdes.String(), new EventSerdes.RawArticleSerde()))
                .processValues(() -> new Dedupe(metrics), REVISIONS)
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

    /** Lets through the first sight of an article and each higher revision; drops the rest. */
    static final class Dedupe implements FixedKeyProcessor<String, RawArticle, RawArticle> {
        private final EnrichMetrics metrics;
        private FixedKeyProcessorContext<String, RawArticle> context;
        private KeyValueStore<String, Integer> revisions;

        Dedupe(EnrichMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, RawArticle> context) {
            this.context = context;
            this.revisions = context.getStateStore(REVISIONS);
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
            Integer seen = revisions.get(record.key());
            if (seen != null && article.revision() <= seen) {
                metrics.duplicate();
                return;
            }
            revisions.put(record.key(), article.revision());
            context.forward(record);
        }
    }
}
