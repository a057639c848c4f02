package io.newsalert.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    private static final RawArticle ARTICLE = new RawArticle(SchemaVersion.CURRENT, "981597b431742589", "sample",
            "guid-1", "https://e.de/a", "Russland kündigt Truppenabzug an", "Abzug russischer Truppen", "<p>x</p>",
            List.of("dpa"), List.of("Ausland"), Instant.parse("2022-02-16T10:00:00Z"),
            Instant.parse("2022-02-16T10:00:05Z"), 1, "de", List.of("https://e.de/bild.jpg"));

    @Test
    void everyValueRoundTrips() {
        EnrichedArticle enriched = new EnrichedArticle(SchemaVersion.CURRENT, ARTICLE, "de",
                List.of(new Entity(EntityType.LOC, "Russland", "Russland", "title", 0, 8)),
                List.of(new Topic("medtop:16000000", "conflict", 0.8)), null, Instant.parse("2022-02-16T10:00:06Z"));
        Subscription sub = new Subscription(SchemaVersion.CURRENT, "s1", "k1", "Abzug", "Truppenabzug",
                List.of(Channel.webhook("https://hooks.example/x", "whsec_abc"), Channel.email("a@b.de")),
                Frequency.daily, "Europe/Berlin", List.of("de"), List.of(), true, Instant.EPOCH);
        Match match = new Match(SchemaVersion.CURRENT, "s1", ARTICLE.id(), 1, ARTICLE.title(), ARTICLE.link(), "sample",
                "de", "«Abzug» russischer Truppen", List.of(new Span("text", 0, 5, "abzug")), enriched.entities(),
                enriched.topics(), ARTICLE.published(), ARTICLE.fetched(), Instant.EPOCH);
        DeliveryOutcome outcome = new DeliveryOutcome(SchemaVersion.CURRENT, match.deliveryId(), "s1", ARTICLE.id(),
                Channel.ChannelType.webhook, DeliveryOutcome.Status.dead,
                List.of(new DeliveryOutcome.Attempt(Instant.EPOCH, 503, null), new DeliveryOutcome.Attempt(Instant.EPOCH, 0, "timeout")),
                Instant.EPOCH);
        FeedConfig feed = new FeedConfig(SchemaVersion.CURRENT, "f1", "https://e.de/rss", "E", 300, "de", List.of("de"), true);

        assertRoundTrip(ARTICLE, RawArticle.class);
        assertRoundTrip(enriched, EnrichedArticle.class);
        assertRoundTrip(sub, Subscription.class);
        assertRoundTrip(match, Match.class);
        assertRoundTrip(outcome, DeliveryOutcome.class);
        assertRoundTrip(feed, FeedConfig.class);
    }

    @Test
    void instantsAreWrittenAsIsoText() {
        String json = new String(JsonSerde.of(RawArticle.class).serialize("t", ARTICLE), StandardCharsets.UTF_8);
        assertThat(json).contains("\"published\":\"2022-02-16T10:00:00Z\"").contains("\"schemaVersion\":1");
    }

    @Test
    void unknownFieldsFromANewerProducerAreIgnored() {
        String json = "{\"schemaVersion\":2,\"id\":\"f1\",\"url\":\"https://e.de/rss\",\"pollIntervalSeconds\":60,"
                + "\"enabled\":true,\"addedLater\":{\"nested\":[1,2]}}";
        FeedConfig feed = JsonSerde.of(FeedConfig.class).deserialize("news.feeds", json.getBytes(StandardCharsets.UTF_8));
        assertThat(feed.id()).isEqualTo("f1");
        assertThat(feed.schemaVersion()).isEqualTo(2);
        assertThat(feed.labels()).isEmpty();
    }

    @Test
    void tombstoneReadsAsNull() {
        assertThat(JsonSerde.of(FeedConfig.class).deserialize("news.feeds", null)).isNull();
        assertThat(JsonSerde.of(FeedConfig.class).serialize("news.feeds", null)).isNull();
    }

    @Test
    void garbageGivesAClearSerializationError() {
        assertThatThrownBy(() -> JsonSerde.of(RawArticle.class).deserialize("news.articles.raw", "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("RawArticle")
                .hasMessageContaining("news.articles.raw");
    }

    private static <T> void assertRoundTrip(T value, Class<T> type) {
        JsonSerde<T> serde = JsonSerde.of(type);
        assertThat(serde.deserialize("t", serde.serialize("t", value))).isEqualTo(value);
    }
}
