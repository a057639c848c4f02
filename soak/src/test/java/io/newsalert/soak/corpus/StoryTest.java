package io.newsalert.soak.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.events.ArticleId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoryTest {

    private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");

    @Test
    void eachRevisionIsVisibleFromItsListingToItsReplacementOrItsLastFeedDroppingIt() {
        Story s = new Story(1, "https://news.soak.example/1/artikel-1.html", new Revision(1, "T", "a"));
        s.listed(T);
        s.listed(T.plusSeconds(5)); // cross-posted: still the same revision, visible since T
        s.revise(new Revision(2, "T (aktualisiert)", "a b"), T.plusSeconds(45));
        s.unlisted(T.plusSeconds(60));
        assertThat(s.isListed()).isTrue();
        s.unlisted(T.plusSeconds(70));

        assertThat(s.shown(T.plusSeconds(999))).containsExactly(
                new Story.Shown(new Revision(1, "T", "a"), T, T.plusSeconds(45)),
                new Story.Shown(new Revision(2, "T (aktualisiert)", "a b"), T.plusSeconds(45), T.plusSeconds(70)));
        assertThat(s.firstVisible()).isEqualTo(T);
    }

    @Test
    void aStoryStillListedIsVisibleUpToTheAskedTime() {
        Story s = new Story(2, "https://news.soak.example/2/artikel-2.html", new Revision(1, "T", "a"));
        s.listed(T);
        assertThat(s.shown(T.plusSeconds(9))).containsExactly(new Story.Shown(new Revision(1, "T", "a"), T, T.plusSeconds(9)));
    }

    @Test
    void aCrossPostedCopyWithTrackingParametersHasTheSameArticleId() {
        Story s = new Story(3, "https://news.soak.example/3/artikel-3.html", new Revision(1, "T", "a"));
        assertThat(ArticleId.of("soak-3-via-7", false, s.link() + "?utm_source=soakfeed7&utm_medium=rss")).isEqualTo(s.articleId());
    }

    @Test
    void aRevisionKeepsTheTextAndAddsASentence() {
        SentencePool pool = SentencePoolTest.smallPool();
        StoryWriter w = new StoryWriter(pool, 7);
        Revision r1 = w.first();
        Revision r2 = w.revise(r1);
        assertThat(r2.number()).isEqualTo(2);
        assertThat(r2.text()).startsWith(r1.text() + " ");
        assertThat(r2.title()).isEqualTo(r1.title() + " (aktualisiert)");
        assertThat(w.revise(r2).title()).isEqualTo(r2.title());
    }
}
