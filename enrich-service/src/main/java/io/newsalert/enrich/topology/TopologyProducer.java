package io.newsalert.enrich.topology;

import io.newsalert.events.EnrichedArticle;
import io.newsalert.events.EventSerdes;
import io.newsalert.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** The enrichment topology: {@code news.articles.raw} in, {@code news.articles.enriched} out. */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    public Topology buildTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.ARTICLES_RAW, Consumed.with(Serdes.String(), new EventSerdes.RawArticleSerde()))
                .mapValues(article -> EnrichedArticle.passThrough(article, Instant.now()))
                .to(Topics.ARTICLES_ENRICHED, Produced.with(Serdes.String(), new EventSerdes.EnrichedArticleSerde()));
        return builder.build();
    }
}
