package io.newsalert.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsalert.enrich.analysis.Analysis;
import io.newsalert.enrich.analysis.TestModels;
import io.newsalert.events.EnrichedArticle;
import io.newsalert.events.Entity;
import io.newsalert.events.EntityType;
import io.newsalert.events.EventSerdes;
import io.newsalert.events.RawArticle;
import io.newsalert.events.SchemaVersion;
import io.newsalert.events.Topic;
import io.newsalert.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TopologyProducerTest {

    private static final Instant T0 = Instant.parse("2022-02-16T15:46:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, RawArticle> raw;
    private TestOutputTopic<String, EnrichedArticle> enriched;
    private SimpleMeterRegistry registry;

    private void start(Function<RawArticle, Analysis> analysis) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrich-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        registry = new SimpleMeterRegistry();
        driver = new TopologyTestDriver(TopologyProducer.build(analysis, new EnrichMetrics(registry)), props);
        raw = driver.createInputTopic(Topics.ARTICLES_RAW, new StringSerializer(), new EventSerdes.RawArticleSerde());
        enriched = driver.createOutputTopic(Topics.ARTICLES_ENRICHED, new StringDeserializer(), new EventSerdes.EnrichedArticleSerde());
    }

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.close();
        }
    }

    private static RawArticle article(String id, int revision, String title, String summary) {
        return new RawArticle(SchemaVersion.CURRENT, id, "sample", "g-" + id, "https://e.de/" + id,
                title, summary, null, List.of(), List.of(), T0, T0, revision, "de");
    }

    @Test
    void everyRawArticleComesOutAnalysedUnderTheSameKey() {
        start(TestModels.analyzer()::analyze);
        RawArticle article = article("a1", 1, "Scholz trifft Putin in Moskau",
                "Bundeskanzler Olaf Scholz ist in Moskau mit dem russischen Präsidenten Wladimir Putin zusammengetroffen. "
                        + "Die NATO beobachtet den Truppenaufmarsch an der Grenze zur Ukraine.");
        raw.pipeInput("a1", article, T0);

        var out = enriched.readKeyValue();
        assertThat(out.key).isEqualTo("a1");
        assertThat(out.value.article()).isEqualTo(article);
        assertThat(out.value.enrichmentError()).isNull();
        assertThat(out.value.language()).isEqualTo("de");
        assertThat(out.value.entities()).extracting(Entity::canonical).contains("Olaf Scholz", "Wladimir Putin", "Moskau", "NATO");
        assertThat(out.value.topics()).isNotEmpty();
        assertThat(enriched.isEmpty()).isTrue();
        assertThat(registry.get("newsalert.enrich.articles").tag("language", "de").counter().count()).isEqualTo(1);
        assertThat(registry.get("newsalert.enrich.entities").tag("type", "PER").counter().count()).isGreaterThanOrEqualTo(2);
        assertThat(registry.get("newsalert.enrich.duration").timer().count()).isEqualTo(1);
    }

    @Test
    void aPlainDuplicateIsDroppedAndAHigherRevisionReplaces() {
        start(a -> new Analysis("de", List.of(), List.of()));
        raw.pipeInput("a1", article("a1", 1, "Erste Fassung", "Text"), T0);
        raw.pipeInput("a1", article("a1", 1, "Erste Fassung", "Text"), T0.plusSeconds(60));
        raw.pipeInput("a1", article("a1", 2, "Korrigierte Fassung", "Text"), T0.plusSeconds(120));
        raw.pipeInput("a1", article("a1", 1, "Erste Fassung, verspätet", "Text"), T0.plusSeconds(180));
        raw.pipeInput("a2", article("a2", 1, "Anderer Artikel", "Text"), T0.plusSeconds(240));

        List<EnrichedArticle> out = enriched.readValuesToList();
        assertThat(out).extracting(e -> e.article().title())
                .containsExactly("Erste Fassung", "Korrigierte Fassung", "Anderer Artikel");
        assertThat(out).extracting(e -> e.article().revision()).containsExactly(1, 2, 1);
        assertThat(registry.get("newsalert.enrich.duplicates").counter().count()).isEqualTo(2);
        assertThat(registry.get("newsalert.enrich.articles.in").counter().count()).isEqualTo(5);
        assertThat(driver.<String, Integer>getTimestampedKeyValueStore(TopologyProducer.REVISIONS).get("a1").value()).isEqualTo(2);
    }

    @Test
    void anIdIsForgottenOnlyAfterTheRememberPeriodSinceItsLastRecord() {
        // The driver's wall clock drives the punctuation; two weeks cannot pass in real time.
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrich-topology-forget-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        registry = new SimpleMeterRegistry();
        driver = new TopologyTestDriver(TopologyProducer.build(a -> new Analysis("de", List.of(), List.of()),
                new EnrichMetrics(registry), Duration.ofDays(14)), props, T0);
        raw = driver.createInputTopic(Topics.ARTICLES_RAW, new StringSerializer(), new EventSerdes.RawArticleSerde());
        enriched = driver.createOutputTopic(Topics.ARTICLES_ENRICHED, new StringDeserializer(), new EventSerdes.EnrichedArticleSerde());
        var store = driver.<String, Integer>getTimestampedKeyValueStore(TopologyProducer.REVISIONS);

        raw.pipeInput("old", article("old", 1, "Alt", "Text"), T0);
        raw.pipeInput("kept", article("kept", 1, "Bleibt", "Text"), T0);
        driver.advanceWallClockTime(Duration.ofDays(10));
        // Seen again on day 10: a duplicate, and it renews the memory of "kept".
        raw.pipeInput("kept", article("kept", 1, "Bleibt", "Text"), T0.plus(Duration.ofDays(10)));
        // A late copy of "old" carrying its original timestamp does not renew it.
        raw.pipeInput("old", article("old", 1, "Alt", "Text"), T0);
        assertThat(enriched.readValuesToList()).extracting(e -> e.article().id()).containsExactly("old", "kept");

        driver.advanceWallClockTime(Duration.ofDays(5)); // day 15: "old" last seen 15 days ago, "kept" 5
        assertThat(store.get("old")).isNull();
        assertThat(store.get("kept").value()).isEqualTo(1);
        assertThat(registry.get("newsalert.enrich.dedupe.forgotten").counter().count()).isEqualTo(1);

        // A forgotten id that comes back is new again; a remembered one is still a duplicate.
        raw.pipeInput("old", article("old", 1, "Alt", "Text"), T0.plus(Duration.ofDays(15)));
        raw.pipeInput("kept", article("kept", 1, "Bleibt", "Text"), T0.plus(Duration.ofDays(15)));
        assertThat(enriched.readValuesToList()).extracting(e -> e.article().id()).containsExactly("old");
        assertThat(registry.get("newsalert.enrich.duplicates").counter().count()).isEqualTo(3);
    }

    @Test
    void aRememberPeriodThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> TopologyProducer.build(a -> null,
                new EnrichMetrics(new SimpleMeterRegistry()), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("newsalert.enrich.dedupe.remember");
    }

    @Test
    void anArticleWhoseAnalysisThrowsIsPassedOnWithTheErrorAndTheNextOneStillFlows() {
        start(a -> {
            if (a.title().contains("kaputt")) {
                throw new IllegalStateException("tagger exploded on " + a.id());
            }
            return new Analysis("de", List.of(new Entity(EntityType.LOC, "Wien", "Wien", "title", 0, 4)),
                    List.of(new Topic("medtop:11000000", "politics", 0.9)));
        });
        RawArticle bad = article("bad", 1, "kaputt", "Text");
        raw.pipeInput("bad", bad, T0);
        raw.pipeInput("good", article("good", 1, "Wien wählt", "Text"), T0.plusSeconds(1));

        List<EnrichedArticle> out = enriched.readValuesToList();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).article()).isEqualTo(bad);
        assertThat(out.get(0).enrichmentError()).contains("IllegalStateException").contains("tagger exploded on bad");
        assertThat(out.get(0).language()).isEqualTo("de");
        assertThat(out.get(0).entities()).isEmpty();
        assertThat(out.get(1).enrichmentError()).isNull();
        assertThat(out.get(1).entities()).hasSize(1);
        assertThat(registry.get("newsalert.enrich.errors").counter().count()).isEqualTo(1);
    }

    @Test
    void aRecordWithoutValueIsCountedNotEnriched() {
        start(a -> new Analysis("de", List.of(), List.of()));
        raw.pipeInput("ghost", null, T0);
        assertThat(enriched.isEmpty()).isTrue();
        assertThat(registry.get("newsalert.enrich.unreadable").counter().count()).isEqualTo(1);
    }

    @Test
    void trendingCountsEachArticleOncePerEntityInTheLastHourAndDay() {
        Entity putin = new Entity(EntityType.PER, "Putin", "Wladimir Putin", "text", 0, 5);
        Entity putinAgain = new Entity(EntityType.PER, "Wladimir Putin", "Wladimir Putin", "text", 10, 24);
        Entity nato = new Entity(EntityType.ORG, "NATO", "NATO", "text", 30, 34);
        // The title says which entities the stand-in analysis finds.
        start(a -> new Analysis("de", switch (a.title()) {
            case "Putin und NATO" -> List.of(putin, putinAgain, nato);
            case "Putin" -> List.of(putin);
            default -> List.of(nato);
        }, List.of()));
        raw.pipeInput("a1", article("a1", 1, "Putin und NATO", "Text"), T0);
        raw.pipeInput("a2", article("a2", 1, "Putin", "Text"), T0.plus(Duration.ofMinutes(20)));
        raw.pipeInput("a3", article("a3", 1, "Putin", "Text"), T0.plus(Duration.ofMinutes(40)));
        // Two hours later: the first three are out of the last hour but inside the last day.
        raw.pipeInput("a4", article("a4", 1, "NATO allein", "Text"), T0.plus(Duration.ofHours(2)));

        Instant now = T0.plus(Duration.ofMinutes(50));
        List<TrendingEntities.Count> hour = TrendingEntities.top(
                driver.getWindowStore(TopologyProducer.TRENDING_HOUR), Duration.ofHours(1), now, 10);
        assertThat(hour).extracting(TrendingEntities.Count::canonical, TrendingEntities.Count::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Wladimir Putin", 3L), org.assertj.core.groups.Tuple.tuple("NATO", 1L));
        assertThat(hour.get(0).type()).isEqualTo("PER");

        Instant later = T0.plus(Duration.ofHours(2)).plusSeconds(60);
        List<TrendingEntities.Count> lastHour = TrendingEntities.top(
                driver.getWindowStore(TopologyProducer.TRENDING_HOUR), Duration.ofHours(1), later, 10);
        assertThat(lastHour).extracting(TrendingEntities.Count::canonical, TrendingEntities.Count::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("NATO", 1L));
        List<TrendingEntities.Count> day = TrendingEntities.top(
                driver.getWindowStore(TopologyProducer.TRENDING_DAY), Duration.ofDays(1), later, 1);
        assertThat(day).extracting(TrendingEntities.Count::canonical, TrendingEntities.Count::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Wladimir Putin", 3L));
    }
}
