package io.newsalert.ingest.parse;

import static io.newsalert.ingest.testing.FeedServer.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsalert.events.ArticleId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FeedParserTest {

    private static ParsedFeed parse(String resource, String contentType) throws FeedParseException {
        return FeedParser.parse(resource(resource), contentType);
    }

    private static ParsedFeed parse(String xml) throws FeedParseException {
        return FeedParser.parse(xml.getBytes(StandardCharsets.UTF_8), "application/rss+xml; charset=UTF-8");
    }

    @Test
    void seedFeedGivesTheSeedArticleWithPlainTextSummaryAndHtmlContent() throws Exception {
        ParsedFeed feed = parse("/feeds/sample/seed-feed.xml", "application/rss+xml");
        assertThat(feed.type()).isEqualTo("rss_2.0");
        assertThat(feed.language()).isEqualTo("de");
        assertThat(feed.items()).hasSize(1);
        FeedItem item = feed.items().get(0);
        String link = "https://www.tagesschau.de/ausland/europa/ukraine-russland-truppen-abzug-101.html";
        assertThat(item.id()).isEqualTo(ArticleId.of(link, true, link));
        assertThat(item.title()).isEqualTo("Ukraine-Konflikt: Rätselraten um russische Truppen");
        assertThat(item.summary()).startsWith("Entgegen der Ankündigung Russlands").doesNotContain("<");
        assertThat(item.content()).startsWith("<p>Entgegen").contains("Truppenaufmarschs");
        assertThat(item.published()).isEqualTo(Instant.parse("2022-02-16T15:46:00Z"));
        assertThat(item.categories()).containsExactly("Ausland");
    }

    @Test
    void charsetFromTheXmlPrologReadsLatin1Umlauts() throws Exception {
        // Golem's real feed: ISO-8859-1 bytes, declared only in the XML prolog.
        ParsedFeed feed = parse("/feeds/miniflux/encoding_ISO-8859-1.xml", null);
        assertThat(feed.title()).isEqualTo("Golem.de");
        assertThat(feed.items()).hasSizeGreaterThan(10);
        assertThat(feed.items().get(0).summary()).contains("wünschen").doesNotContain("&lt;", "<a");
    }

    @Test
    void charsetFromTheHttpHeaderWinsOverAMissingProlog() throws Exception {
        String xml = "<rss version=\"2.0\"><channel><title>Bäder</title><item><title>Größe</title>"
                + "<link>https://e.de/1</link></item></channel></rss>";
        ParsedFeed feed = FeedParser.parse(xml.getBytes(StandardCharsets.ISO_8859_1),
                "text/xml; charset=ISO-8859-1");
        assertThat(feed.items().get(0).title()).isEqualTo("Größe");
    }

    @Test
    void utf8ByteOrderMarkIsHonoured() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] xml = "<rss version=\"2.0\"><channel><item><title>Übung</title><link>https://e.de/1</link></item></channel></rss>"
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[bom.length + xml.length];
        System.arraycopy(bom, 0, body, 0, 3);
        System.arraycopy(xml, 0, body, 3, xml.length);
        assertThat(FeedParser.parse(body, null).items().get(0).title()).isEqualTo("Übung");
    }

    @Test
    void rdfRss10AndAtomAndOldRssAllParse() throws Exception {
        ParsedFeed heise = parse("/feeds/miniflux/rdf_UTF8.xml", "application/rdf+xml");
        assertThat(heise.items()).hasSizeGreaterThan(10);
        assertThat(heise.items().get(1).title()).isEqualTo("Mega-Deal: IBM übernimmt Red Hat");
        // The tracking parameter is the feed's own (wt_mc), kept; the id still follows the link.
        assertThat(heise.items().get(1).id()).isEqualTo(ArticleId.of(null, false, heise.items().get(1).link()));

        ParsedFeed atom = parse("/feeds/miniflux/small_atom.xml", "application/atom+xml");
        assertThat(atom.type()).isEqualTo("atom_1.0");
        assertThat(atom.items()).hasSize(20);
        assertThat(atom.items()).allSatisfy(i -> assertThat(i.published()).isNotNull());

        assertThat(parse("/feeds/rome/atom_0.3.xml", null).items()).isNotEmpty();
        assertThat(parse("/feeds/rome/rss_1.0.xml", null).items()).isNotEmpty();
        // RSS 0.91 with the Netscape DOCTYPE: allowed, its external DTD is not fetched.
        assertThat(parse("/feeds/rome/rss_0.91N.xml", null).items()).isNotEmpty();
    }

    @Test
    void dublinCoreDatesAreRead() throws Exception {
        ParsedFeed feed = parse("""
                <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
                <item><title>t</title><link>https://e.de/dc</link><dc:date>2022-02-16T16:46:00+01:00</dc:date></item>
                </channel></rss>""");
        assertThat(feed.items().get(0).published()).isEqualTo(Instant.parse("2022-02-16T15:46:00Z"));
    }

    @Test
    void germanMonthNamesAndMissingZonesAreReadAndJunkDatesLeftEmpty() throws Exception {
        ParsedFeed feed = parse("""
                <rss version="2.0"><channel><language>de</language>
                <item><title>a</title><link>https://e.de/a</link><pubDate>Mi, 16 Feb 2022 16:46:00 +0100</pubDate></item>
                <item><title>b</title><link>https://e.de/b</link><pubDate>16. März 2022 08:15</pubDate></item>
                <item><title>c</title><link>https://e.de/c</link><pubDate>gestern Abend</pubDate></item>
                </channel></rss>""");
        assertThat(feed.items().get(0).published()).isEqualTo(Instant.parse("2022-02-16T15:46:00Z"));
        // No zone given: a German feed's local time.
        assertThat(feed.items().get(1).published()).isEqualTo(Instant.parse("2022-03-16T07:15:00Z"));
        assertThat(feed.items().get(2).published()).isNull();
        assertThat(feed.items().get(2).title()).isEqualTo("c");
    }

    @Test
    void htmlInTitlesAndSummariesBecomesPlainText() throws Exception {
        ParsedFeed feed = parse("""
                <rss version="2.0"><channel><item>
                <title>Merz &amp;amp; Scholz: &lt;b&gt;Streit&lt;/b&gt;</title>
                <link>https://e.de/x</link>
                <description><![CDATA[<p>Erster&nbsp;Absatz</p><script>alert('x')</script>
                   <p>Zweiter   Absatz &quot;zitiert&quot;</p>]]></description>
                </item></channel></rss>""");
        FeedItem item = feed.items().get(0);
        assertThat(item.title()).isEqualTo("Merz & Scholz: Streit");
        assertThat(item.summary()).isEqualTo("Erster Absatz Zweiter Absatz \"zitiert\"");
    }

    @Test
    void enclosuresAndMediaRssAreKept() throws Exception {
        ParsedFeed media = parse("/feeds/rome/mediarss-issue-20.xml", null);
        assertThat(media.items().get(0).media()).anySatisfy(u -> assertThat(u).contains("trailer.mov"));
        ParsedFeed enclosure = parse("""
                <rss version="2.0"><channel><item><title>Podcast</title><link>https://e.de/p</link>
                <enclosure url="https://e.de/p.mp3" length="123" type="audio/mpeg"/></item></channel></rss>""");
        assertThat(enclosure.items().get(0).media()).containsExactly("https://e.de/p.mp3");
    }

    @Test
    void opaqueGuidWithoutIsPermaLinkAttributeDoesNotCountAsLink() throws Exception {
        ParsedFeed feed = parse("""
                <rss version="2.0"><channel><item><title>t</title><guid>12345</guid>
                <link>https://e.de/story?utm_source=rss</link></item></channel></rss>""");
        assertThat(feed.items().get(0).id()).isEqualTo(ArticleId.of(null, false, "https://e.de/story"));
    }

    @Test
    void itemWithoutGuidAndLinkIsIdentifiedByItsTextAndAnEmptyOneIsReported() throws Exception {
        ParsedFeed feed = parse("""
                <rss version="2.0"><channel><link>https://e.de/</link>
                <item><title>Nur ein Titel</title></item><item><author>x@e.de</author></item></channel></rss>""");
        assertThat(feed.items()).hasSize(1);
        assertThat(feed.items().get(0).id()).isEqualTo(parse("""
                <rss version="2.0"><channel><link>https://e.de/</link>
                <item><title>Nur ein Titel</title></item></channel></rss>""").items().get(0).id());
        assertThat(feed.skipped()).singleElement().asString().contains("no guid, no link and no text");
    }

    // ---- bad input: each is a clear error, never a crash ----

    @Test
    void emptyBodyIsAClearError() {
        assertThatThrownBy(() -> FeedParser.parse(new byte[0], "text/xml"))
                .isInstanceOf(FeedParseException.class).hasMessageContaining("empty body");
        assertThatThrownBy(() -> FeedParser.parse(" \n ".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(FeedParseException.class).hasMessageContaining("empty body");
    }

    @Test
    void htmlPageServedAsFeedIsAClearError() {
        String html = "<!DOCTYPE html><html><head><title>Startseite</title><meta charset=utf-8><link rel=alternate "
                + "type=application/rss+xml href=/feed></head><body><p>Hallo<br></body></html>";
        assertThatThrownBy(() -> FeedParser.parse(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8"))
                .isInstanceOf(FeedParseException.class).hasMessageContaining("HTML page, not a feed");
        String xhtml = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>ok</p></body></html>";
        assertThatThrownBy(() -> FeedParser.parse(xhtml.getBytes(StandardCharsets.UTF_8), "application/xml"))
                .isInstanceOf(FeedParseException.class).hasMessageContaining("HTML page, not a feed");
    }

    @Test
    void malformedXmlSaysWhere() {
        assertThatThrownBy(() -> parse("<rss version=\"2.0\"><channel><item><title>a</item></channel></rss>"))
                .isInstanceOf(FeedParseException.class)
                .hasMessageContaining("not well-formed XML (line 1");
    }

    @Test
    void xmlThatIsNoFeedIsNamed() {
        assertThatThrownBy(() -> parse("<?xml version=\"1.0\"?><invoice><total>3</total></invoice>"))
                .isInstanceOf(FeedParseException.class).hasMessageContaining("not an RSS or Atom feed")
                .hasMessageContaining("<invoice>");
    }

    @Test
    void externalEntityIsNeitherReadNorAccepted(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<rss version=\"2.0\"><channel><item><title>&xxe;</title><link>https://e.de/1</link></item>"
                + "</channel></rss>";
        assertThatThrownBy(() -> parse(xxe))
                .isInstanceOf(FeedParseException.class)
                .hasMessageContaining("external entity 'xxe'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("TOP-SECRET"));
        String parameterEntity = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY % ext SYSTEM \"" + secret.toUri()
                + "\"> %ext;]><rss version=\"2.0\"><channel><item><title>t</title><link>https://e.de/1</link>"
                + "</item></channel></rss>";
        assertThatThrownBy(() -> parse(parameterEntity))
                .isInstanceOf(FeedParseException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("TOP-SECRET"));
    }

    @Test
    @Timeout(10)
    void billionLaughsIsRefusedQuickly() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                dtd.append("&lol").append(i - 1).append(';');
            }
            dtd.append("\">");
        }
        dtd.append("]><rss version=\"2.0\"><channel><item><title>&lol10;</title><link>https://e.de/1</link>"
                + "</item></channel></rss>");
        assertThatThrownBy(() -> parse(dtd.toString()))
                .isInstanceOf(FeedParseException.class)
                .hasMessageContaining("entity bomb");
    }
}
