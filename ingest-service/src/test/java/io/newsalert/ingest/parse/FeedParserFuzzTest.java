package io.newsalert.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the feed parser with real feeds (the corpus under {@code ../../shared/data/feeds}, and a few
 * built-in ones where it is absent) mutated by a seeded generator: bytes flipped, cut, repeated,
 * hostile XML spliced in (entities, DOCTYPEs, CDATA, deep nesting, invalid UTF-8). Every body ends
 * as a {@link ParsedFeed} or a {@link FeedParseException} with a message, quickly; titles and
 * summaries that come out are single-line plain text.
 */
class FeedParserFuzzTest {

    static final long SEED = 0xFEED_2026L;
    static final int SEEDS = 60;
    static final int TRIES = 1000;
    static final Path CORPUS = Paths.get("../../shared/data/feeds");

    static final String[] SPLICES = {
        "<!DOCTYPE rss [<!ENTITY a \"" + "x".repeat(5000) + "\">]>",
        "<!DOCTYPE rss [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/x\"> %p;]>",
        "<!DOCTYPE rss SYSTEM \"http://127.0.0.1:9/rss.dtd\">",
        "<!ENTITY b SYSTEM \"file:///etc/passwd\">", "&a;", "&b;", "&nbsp;", "&#0;", "&#x110000;", "&#xD800;", "&amp",
        "<![CDATA[<script>alert(1)</script>]]>", "<script>alert(1)</script>", "]]>", "<title>", "</title>", "<item>",
        "</item>", "<entry>", "<guid isPermaLink=\"true\">javascript:alert(1)</guid>", "<link>http://[::1</link>",
        "<pubDate>Mon, 99 Foo 99999 99:99:99 +9999</pubDate>", "<dc:date>0000-00-00T00:00:00Z</dc:date>",
        "<media:content url=\"::::\"/>", "<enclosure url=\"\" length=\"-1\"/>", "<?xml version=\"1.1\"?>",
        "<?xml version=\"1.0\" encoding=\"x-unknown\"?>", "\u0000", "\r\n", "\uFEFF", "<".repeat(100),
        "<a>".repeat(2000), "<category>" + "c".repeat(10_000) + "</category>", "xmlns:x=\"\"", "<x:y/>",
    };

    @Test
    void mutatedFeedsParseOrFailWithAMessageAndNothingHangs() throws IOException {
        List<byte[]> seeds = seeds();
        Random random = new Random(SEED);
        long worst = 0;
        String worstWhat = "";
        int parsed = 0;
        int refused = 0;
        long started = System.nanoTime();
        for (int i = 0; i < TRIES; i++) {
            byte[] body = mutate(random, seeds.get(random.nextInt(seeds.size())));
            String contentType = random.nextInt(4) == 0 ? "text/xml; charset=ISO-8859-1" : random.nextInt(3) == 0
                    ? "application/rss+xml; charset=utf-8" : null;
            String what = "try " + i + " (" + body.length + " bytes)";
            long t0 = System.nanoTime();
            boolean ok = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> check(body, contentType, what),
                    () -> what + " took over 10 s: " + head(body));
            long took = System.nanoTime() - t0;
            if (took > worst) {
                worst = took;
                worstWhat = what;
            }
            if (ok) {
                parsed++;
            } else {
                refused++;
            }
        }
        System.out.printf("feed fuzz: %d bodies from %d seed feeds in %d ms (%d parsed, %d refused), slowest %d ms (%s)%n",
                TRIES, seeds.size(), (System.nanoTime() - started) / 1_000_000, parsed, refused, worst / 1_000_000, worstWhat);
        assertThat(parsed).as("mutations small enough that many still parse").isGreaterThan(TRIES / 10);
        assertThat(refused).as("mutations large enough that many fail").isGreaterThan(TRIES / 10);
    }

    /** @return true when it parsed, false when it was refused with a message */
    private static boolean check(byte[] body, String contentType, String what) {
        try {
            ParsedFeed feed = FeedParser.parse(body, contentType);
            for (FeedItem item : feed.items()) {
                assertThat(item.id()).as(what).matches("[0-9a-f]{16}");
                for (String text : new String[] {item.title(), item.summary()}) {
                    if (text != null) {
                        assertThat(text).as(what + ": plain one-line text").doesNotContain("\n").doesNotContain("\r");
                    }
                }
            }
            return true;
        } catch (FeedParseException e) {
            assertThat(e.getMessage()).as(what).isNotBlank();
            return false;
        } catch (Throwable t) {
            fail(what + " threw " + t + " for " + head(body), t);
            return false;
        }
    }

    static byte[] mutate(Random random, byte[] seed) {
        byte[] b = seed;
        int times = 1 + random.nextInt(2);
        for (int t = 0; t < times; t++) {
            int at = b.length == 0 ? 0 : random.nextInt(b.length);
            switch (random.nextInt(9)) {
                case 0 -> { // flip a few bytes
                    b = b.clone();
                    for (int k = 0; k < 1 + random.nextInt(8) && b.length > 0; k++) {
                        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                    }
                }
                case 1 -> b = java.util.Arrays.copyOf(b, at); // cut off
                case 2 -> { // repeat a chunk
                    int len = Math.min(b.length - at, 1 + random.nextInt(2000));
                    b = splice(b, at, java.util.Arrays.copyOfRange(b, at, at + len));
                }
                case 3 -> { // splice hostile XML at a tag boundary if there is one
                    int tag = indexOf(b, (byte) '<', at);
                    b = splice(b, tag < 0 ? at : tag, SPLICES[random.nextInt(SPLICES.length)].getBytes(StandardCharsets.UTF_8));
                }
                case 4 -> { // DOCTYPE with an internal subset right after the prolog
                    int end = indexOf(b, (byte) '>', 0);
                    b = splice(b, end < 0 ? 0 : end + 1, SPLICES[random.nextInt(3)].getBytes(StandardCharsets.UTF_8));
                }
                case 5 -> b = splice(b, at, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE}); // bad UTF-8
                default -> { // no change this time, so that some bodies stay close to the original
                }
            }
        }
        return b;
    }

    static List<byte[]> seeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><title>Eins &amp; zwei</title>"
                + "<link>https://e.de/1</link><guid>https://e.de/1</guid><description>&lt;p&gt;Text&lt;/p&gt;</description>"
                + "<pubDate>Mon, 06 Sep 2021 16:45:00 +0200</pubDate></item></channel></rss>").getBytes(StandardCharsets.UTF_8));
        seeds.add(("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title>"
                + "<entry><id>urn:x:1</id><title type=\"html\">&lt;b&gt;Ä&lt;/b&gt;</title><link href=\"https://e.de/a\"/>"
                + "<updated>2021-09-06T16:45:00Z</updated><content type=\"html\">&lt;script&gt;x&lt;/script&gt;Inhalt</content>"
                + "</entry></feed>").getBytes(StandardCharsets.UTF_8));
        if (Files.isDirectory(CORPUS)) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(CORPUS)) {
                files = s.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(xml|rss|atom|rdf)$"))
                        .filter(p -> p.toFile().length() < 200_000).sorted().toList();
            }
            Random pick = new Random(SEED);
            for (int i = 0; i < SEEDS && !files.isEmpty(); i++) {
                seeds.add(Files.readAllBytes(files.get(pick.nextInt(files.size()))));
            }
        }
        return seeds;
    }

    private static byte[] splice(byte[] b, int at, byte[] insert) {
        byte[] out = new byte[b.length + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at, out, at + insert.length, b.length - at);
        return out;
    }

    private static int indexOf(byte[] b, byte c, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static String head(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
