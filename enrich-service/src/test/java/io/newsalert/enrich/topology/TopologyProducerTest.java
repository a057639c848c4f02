package io.newsalert.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.events.EnrichedArticle;
import io.newsalert.events.EventSerdes;
import io.newsalert.events.RawArticle;
import io.newsalert.events.SchemaVersion;
import io.newsalert.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TopologyProducerTest {

    private TopologyTestDriver driver;
    private TestInputTopic<String, RawArticle> raw;
    private TestOutputTopic<String, EnrichedArticle> enriched;

    @BeforeEach
    void setUp() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrich-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(new TopologyProducer().buildTopology(), props);
        raw = driver.createInputTopic(Topics.ARTICLES_RAW, new StringSerializer(), new EventSerdes.RawArticleSerde());
        enriched = driver.createOutputTopic(Topics.ARTICLES_ENRICHED, new StringDeserializer(), new EventSerdes.EnrichedArticleSerde());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void everyRawArticleComesOutEnrichedUnderTheSameKey() {
        RawArticle article = new RawArticle(SchemaVersion.CURRENT, "a1", "sample", "g", "https://e.de/a1",
                "Titel", "Text", null, List.of(), List.of(), Instant.EPOCH, Instant.EPOCH, 1, "de");
        raw.pipeInput("a1", article);

        var out = enriched.readKeyValue();
        assertThat(out.key).isEqualTo("a1");
        assertThat(out.value.article()).isEqualTo(article);
        assertThat(out.value.enrichmentError()).isNull();
        assertThat(enriched.isEmpty()).isTrue();
    }
}
