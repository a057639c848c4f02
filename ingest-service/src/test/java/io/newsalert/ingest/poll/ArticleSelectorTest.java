package io.newsalert.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.ingest.parse.FeedItem;
import io.newsalert.ingest.poll.ArticleSelector.Publication;
import io.newsalert.ingest.poll.ArticleSelector.Selection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArticleSelectorTest {

    private final StoryClaims claims = new StoryClaims(1000);
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

    /** Selects and, as FeedPoller does once the broker has acknowledged, records what went out. */
    private Selection poll(String feed, Map<String, SeenItem> recent, FeedItem... items) {
        Selection s = ArticleSelector.select(feed, recent, List.of(items), t0, 100, claims);
        s.publish().forEach(p -> claims.published(p.item().id(), p.textHash()));
        return s;
    }

    private static FeedItem copy(String id, String title, String link) {
        return new FeedItem(id, null, link, title, "s", null, List.of(), List.of(), null, List.of());
    }

    @Test
    void aStoryInTwoFeedsIsPublishedOnceForTheSameText() {
        poll("one", Map.of(), item("a", "A"));
        // the second feed links it with its tracking parameters: the same text, not news
        Selection other = poll("two", Map.of(), copy("a", "A", "https://e.de/a?utm_source=two"));
        assertThat(other.publish()).isEmpty();
        assertThat(other.recent().get("a").revision()).isZero();
        // nor is another feed's own version of the story when it first lists it
        assertThat(poll("three", Map.of(), item("a", "A anders betitelt")).publish()).isEmpty();
    }

    @Test
    void aCorrectionSeenOnlyInTheSecondFeedIsPublishedAsTheNextRevision() {
        // The first feed publishes the story, then drops it from its window; the second still lists it
        // when it is corrected (found by the soak harness: such corrections were lost).
        Selection one = poll("one", Map.of(), item("a", "Tippfeler"));
        Selection two = poll("two", Map.of(), copy("a", "Tippfeler", "https://e.de/a?utm_source=two"));
        assertThat(two.publish()).isEmpty();

        Selection corrected = poll("two", two.recent(), copy("a", "Tippfehler", "https://e.de/a?utm_source=two"));
        assertThat(corrected.publish()).singleElement().satisfies(p -> {
            assertThat(p.revision()).isEqualTo(2);
            assertThat(p.item().title()).isEqualTo("Tippfehler");
        });
        // the first feed showing the same correction later publishes nothing more
        Selection late = poll("one", one.recent(), item("a", "Tippfehler"));
        assertThat(late.publish()).isEmpty();
        // a further correction there gets the revision after that
        Selection again = poll("one", late.recent(), item("a", "Tippfehler behoben"));
        assertThat(again.publish()).extracting(Publication::revision).containsExactly(3);
    }

    @Test
    void aTextNotAcknowledgedByTheBrokerIsSelectedAgainUnderANewRevision() {
        Selection failed = ArticleSelector.select("f", Map.of(), List.of(item("a", "A")), t0, 100, claims);
        assertThat(failed.publish()).extracting(Publication::revision).containsExactly(1);
        // the publish failed: nothing recorded, and FeedPoller keeps the feed's previous recent ids
        Selection retried = poll("f", Map.of(), item("a", "A"));
        assertThat(retried.publish()).extracting(Publication::revision).containsExactly(2);
        assertThat(poll("f", Map.of(), item("a", "A")).publish()).as("now out: seen anew, still not news").isEmpty();
    }

    @Test
    void aRestartKnowsTheRevisionsTheFeedsPublished() {
        StoryClaims restarted = new StoryClaims(1000);
        restarted.remember("a", "f", 4);
        Selection s = ArticleSelector.select("f", Map.of("a", new SeenItem("old", 4, t0)), List.of(item("a", "neu")), t0, 100,
                restarted);
        assertThat(s.publish()).extracting(Publication::revision).containsExactly(5);
    }

    @Test
    void claimsForgetTheLeastRecentlyUsedStoriesBeyondTheirCapacity() {
        StoryClaims small = new StoryClaims(2);
        small.published("a", "t");
        small.published("b", "t");
        small.reserve("a", "x"); // a used again
        assertThat(small.claim("a", "f")).isTrue();
        small.published("c", "t");
        assertThat(small.size()).isEqualTo(2);
        assertThat(small.reserve("a", "t")).as("a is remembered").isZero();
        assertThat(small.claim("b", "other")).as("b was forgotten: another feed may publish it again").isTrue();
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
