package io.newsalert.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.events.RawArticle;
import io.newsalert.ingest.parse.FeedItem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedPollerTest {

    @Test
    void thePublishedArticleCarriesEverythingTheParserRead() {
        FeedItem item = new FeedItem("0123456789abcdef", "g-1", "https://e.de/a", "Titel", "Text", "<p>Text</p>",
                List.of("dpa"), List.of("Ausland"), Instant.parse("2022-02-16T10:00:00Z"),
                List.of("https://e.de/bild.jpg", "https://e.de/ton.mp3"));
        Instant fetched = Instant.parse("2022-02-16T10:01:00Z");

        RawArticle article = FeedPoller.toArticle("tagesschau", item, 2, fetched, "de");

        assertThat(article.id()).isEqualTo("0123456789abcdef");
        assertThat(article.feedId()).isEqualTo("tagesschau");
        assertThat(article.revision()).isEqualTo(2);
        assertThat(article.fetched()).isEqualTo(fetched);
        assertThat(article.content()).isEqualTo("<p>Text</p>");
        assertThat(article.media()).containsExactly("https://e.de/bild.jpg", "https://e.de/ton.mp3");
    }
}
