package io.newsalert.soak.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.soak.corpus.Revision;
import io.newsalert.soak.corpus.Story;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SyntheticFeedTest {

    private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");

    private static Story story(int n, String text) {
        return new Story(n, "https://news.soak.example/" + n + "/artikel-" + n + ".html", new Revision(1, "Titel " + n, text));
    }

    private static Document parse(byte[] xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    @Test
    void rssListsTheNewestFirstWithinTheWindowAndEscapesText() throws Exception {
        SyntheticFeed feed = new SyntheticFeed(0, 2);
        Story a = story(1, "Erster & <b>fett</b>");
        Story b = story(2, "Zweiter");
        Story c = story(3, "Dritter");
        feed.add(a, a.link(), "soak-1", T);
        feed.add(b, b.link(), "soak-2", T.plusSeconds(1));
        feed.add(c, c.link(), "soak-3", T.plusSeconds(2));

        Document d = parse(feed.body());
        assertThat(d.getElementsByTagName("item").getLength()).isEqualTo(2);
        assertThat(d.getElementsByTagName("title").item(1).getTextContent()).isEqualTo("Titel 3");
        assertThat(a.isListed()).as("pushed out of the window").isFalse();
        assertThat(a.shown(T.plusSeconds(9))).singleElement().satisfies(s -> assertThat(s.until()).isEqualTo(T.plusSeconds(2)));
    }

    @Test
    void atomCarriesTheSameStories() throws Exception {
        SyntheticFeed feed = new SyntheticFeed(2, 10);
        Story a = story(1, "Text mit \"Anführungszeichen\" & Ampersand");
        feed.add(a, a.link(), "urn:soak:1", T);
        assertThat(feed.path()).endsWith(".atom");
        Document d = parse(feed.body());
        assertThat(d.getElementsByTagName("entry").getLength()).isEqualTo(1);
        assertThat(d.getElementsByTagName("summary").item(0).getTextContent()).isEqualTo("Text mit \"Anführungszeichen\" & Ampersand");
    }

    @Test
    void theEtagChangesWithTheContentAndAGarbageFeedHidesItsStories() {
        SyntheticFeed feed = new SyntheticFeed(0, 10);
        Story a = story(1, "x");
        String before = feed.etag();
        feed.add(a, a.link(), "soak-1", T);
        String after = feed.etag();
        assertThat(after).isNotEqualTo(before);
        feed.touched();
        assertThat(feed.etag()).isNotEqualTo(after);

        feed.turnToGarbage(T.plusSeconds(3));
        assertThat(a.isListed()).isFalse();
        assertThat(new String(feed.body(), StandardCharsets.UTF_8)).doesNotContain("Titel 1").contains("kaputt");
    }
}
