package io.newsalert.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Feeds written to attack the parser, beyond the external entity and billion-laughs cases of FeedParserTest. */
class HostileFeedTest {

    private static ParsedFeed parse(String xml) throws FeedParseException {
        return FeedParser.parse(xml.getBytes(StandardCharsets.UTF_8), "application/rss+xml; charset=UTF-8");
    }

    private static String rss(String doctype, String itemTitle) {
        return "<?xml version=\"1.0\"?>" + doctype + "<rss version=\"2.0\"><channel><title>t</title><item><title>" + itemTitle
                + "</title><link>https://e.de/1</link></item></channel></rss>";
    }

    @Test
    @Timeout(10)
    void quadraticBlowupIsRefusedQuickly() {
        // one 50,000-character entity referenced 4,000 times: 200 million characters, 400 MB as a String
        String doctype = "<!DOCTYPE rss [<!ENTITY big \"" + "x".repeat(50_000) + "\">]>";
        assertThatThrownBy(() -> parse(rss(doctype, "&big;".repeat(4_000))))
                .isInstanceOf(FeedParseException.class).hasMessageContaining("entity bomb");
    }

    @Test
    void aFewHarmlessInternalEntitiesStillWork() throws Exception {
        String doctype = "<!DOCTYPE rss [<!ENTITY dpa \"Deutsche Presse-Agentur\">]>";
        assertThat(parse(rss(doctype, "Meldung der &dpa;")).items().get(0).title()).isEqualTo("Meldung der Deutsche Presse-Agentur");
    }

    @Test
    @Timeout(10)
    void absurdNestingIsRefused() {
        String deep = "<x>".repeat(100_000) + "</x>".repeat(100_000);
        assertThatThrownBy(() -> parse(rss("", "t</title><description>" + deep + "</description><title>t")))
                .isInstanceOf(FeedParseException.class).hasMessageContaining("safety limits");
    }

    @Test
    void anExternalDtdOrParameterEntityIsNeverFetched() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            hits.incrementAndGet();
            byte[] dtd = "<!ENTITY leak \"LEAKED\">".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, dtd.length);
            ex.getResponseBody().write(dtd);
            ex.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            // an external DTD, as RSS 0.91 feeds declare one: parsed, but the DTD is not fetched
            ParsedFeed feed = parse(rss("<!DOCTYPE rss SYSTEM \"" + base + "/rss.dtd\">", "Titel"));
            assertThat(feed.items()).singleElement().satisfies(i -> assertThat(i.title()).isEqualTo("Titel"));
            assertThat(parse(rss("<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"" + base
                    + "/rss-0.91.dtd\">", "Titel")).items()).hasSize(1);
            // external parameter and general entities: refused, and not fetched either
            assertThatThrownBy(() -> parse(rss("<!DOCTYPE rss [<!ENTITY % p SYSTEM \"" + base + "/p.dtd\"> %p;]>", "&leak;")))
                    .isInstanceOf(FeedParseException.class).satisfies(e -> assertThat(e.getMessage()).doesNotContain("LEAKED"));
            assertThatThrownBy(() -> parse(rss("<!DOCTYPE rss [<!ENTITY g PUBLIC \"x\" \"" + base + "/g\">]>", "&g;")))
                    .isInstanceOf(FeedParseException.class);
            assertThat(hits).as("requests the parser made").hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void scriptAndLineBreaksInTitlesBecomeOneLineOfText() throws Exception {
        ParsedFeed feed = parse(rss("", "<![CDATA[Eil\r\nmeldung<script>alert(1)</script> <b>fett</b>]]>"));
        assertThat(feed.items().get(0).title()).isEqualTo("Eil meldung fett");
        // markup written as text (escaped in the XML) is text: it stays, and whoever renders it must escape it
        ParsedFeed escaped = parse(rss("", "a &amp;lt;script&amp;gt;x&amp;lt;/script&amp;gt;\nb"));
        assertThat(escaped.items().get(0).title()).isEqualTo("a <script>x</script> b");
    }
}
