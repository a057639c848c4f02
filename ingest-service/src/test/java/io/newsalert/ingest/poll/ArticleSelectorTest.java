package io.newsalert.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.ingest.parse.FeedItem;
import io.newsalert.ingest.poll.ArticleSelector.Publication;
import io.newsalert.ingest.poll.ArticleSelector.Selection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArticleSelectorTest {

    private final Map<String, String> owners = new HashMap<>();
    private final StoryClaims claims = (id, feed) -> owners.putIfAbsent(id, feed) == null || owners.get(id).equals(feed);
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    private static FeedItem item(String id, String title) {
        return new FeedItem(id, null, "https://e.de/" + id, title, "s", null, List.of(), List.of(), null, List.of());
    }

    @Test
    void newItemsArePublishedOnceAcrossPolls() {
        Selection first = ArticleSelector.select("f", Map.of(), List.of(item("a", "A"), item("b", "B")), t0, 100, claims);
        assertThat(first.publish()).extracting(p -> p.item().id()).containsExactly("a", "b");
        assertThat(first.publish()).extracting(Publication::revision).containsExactly(1, 1);

        Selection second = ArticleSelector.select("f", first.recent(), List.of(item("a", "A"), item("b", "B"),
                item("c", "C")), t0.plusSeconds(60), 100, claims);
        assertThat(second.publish()).extracting(p -> p.item().id()).containsExactly("c");
    }

    @Test
    void aCorrectedItemIsRepublishedWithTheNextRevision() {
        Selection first = ArticleSelector.select("f", Map.of(), List.of(item("a", "Tippfeler")), t0, 100, claims);
        Selection second = ArticleSelector.select("f", first.recent(), List.of(item("a", "Tippfehler")),
                t0.plusSeconds(60), 100, claims);
        assertThat(second.publish()).singleElement().satisfies(p -> {
            assertThat(p.revision()).isEqualTo(2);
            assertThat(p.item().title()).isEqualTo("Tippfehler");
        });
        Selection third = ArticleSelector.select("f", second.recent(), List.of(item("a", "Tippfehler")),
                t0.plusSeconds(120), 100, claims);
        assertThat(third.publish()).isEmpty();
    }

    @Test
    void aStoryInTwoFeedsIsPublishedByTheFirstOnly() {
        ArticleSelector.select("one", Map.of(), List.of(item("a", "A")), t0, 100, claims);
        Selection other = ArticleSelector.select("two", Map.of(), List.of(item("a", "A anders betitelt")), t0, 100,
                claims);
        assertThat(other.publish()).isEmpty();
        // and a different text in the second feed is not a revision either
        Selection again = ArticleSelector.select("two", other.recent(), List.of(item("a", "noch anders")), t0, 100,
                claims);
        assertThat(again.publish()).isEmpty();
    }

    @Test
    void aDuplicateWithinOneFeedIsPublishedOnce() {
        Selection s = ArticleSelector.select("f", Map.of(), List.of(item("a", "A"), item("a", "A")), t0, 100, claims);
        assertThat(s.publish()).hasSize(1);
    }

    @Test
    void recentIdsAreBoundedKeepingWhatTheFeedStillShows() {
        List<FeedItem> old = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            old.add(item("old" + i, "x"));
        }
        Selection first = ArticleSelector.select("f", Map.of(), old, t0, 10, claims);
        Selection second = ArticleSelector.select("f", first.recent(), List.of(item("new1", "n"), item("old9", "x")),
                t0.plusSeconds(60), 10, claims);
        assertThat(second.recent()).hasSize(10).containsKeys("new1", "old9");
        // an item still listed is never forgotten, so it is never republished
        Selection third = ArticleSelector.select("f", second.recent(), List.of(item("old9", "x")),
                t0.plusSeconds(120), 10, claims);
        assertThat(third.publish()).isEmpty();
    }
}
