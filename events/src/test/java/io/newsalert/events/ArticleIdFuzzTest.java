package io.newsalert.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the article id with a seeded generator of links as feeds write them (and as they should
 * not): the id never throws for an item that has a guid or a link, is always 16 hex digits,
 * canonicalisation is idempotent, and the spellings of one link that DESIGN.md says are the same
 * article (case of scheme and host, default port, fragment, tracking parameters, surrounding
 * space) get one id.
 */
class ArticleIdFuzzTest {

    static final long SEED = 0xA7_1C1E_2026L;
    static final int TRIES = 5_000;

    static final List<String> SCHEMES = List.of("http", "https", "HTTP", "Https", "ftp", "mailto", "javascript", "urn", "");
    static final List<String> HOSTS = List.of("www.tagesschau.de", "Example.COM", "xn--mnchen-3ya.de", "münchen.de",
            "127.0.0.1", "[::1]", "[2001:DB8::1]", "user:pw@host.de", "@host.de", "host.de:", "host.de:80", "host.de:443",
            "host.de:8080", "host.de:80:80", "host_with_underscore.de", "", "%41.de", "a..b", "-x-.de");
    static final List<String> PATHS = List.of("", "/", "/a/B/c.html", "/ä ö", "/%7Euser", "/a//b", "/./x/../y", "/?",
            "/#", "/a%zz", "/\u0000", "/\t", "/a b", "/" + "x".repeat(3000), "/\uD800");
    static final List<String> PARAMS = List.of("utm_source=rss", "UTM_Medium=x", "utm_", "fbclid=1", "gclid=2", "page=2",
            "a=1", "a", "=", "&", "a=1=2", "q=%20", "x=ä", "", "FBCLID");

    @Test
    void idsNeverThrowAreStableAndCanonicalisationIsIdempotent() {
        Random random = new Random(SEED);
        long started = System.nanoTime();
        for (int i = 0; i < TRIES; i++) {
            String link = i % 4 == 0 ? noise(random) : link(random);
            String guid = random.nextInt(3) == 0 ? noise(random) : random.nextBoolean() ? link(random) : null;
            boolean permaLink = random.nextBoolean();
            try {
                String canonical = ArticleId.canonicalLink(link);
                assertThat(ArticleId.canonicalLink(canonical)).as("idempotent for '%s'", link).isEqualTo(canonical);
                if (!link.isBlank() || (guid != null && !guid.isBlank())) {
                    String id = ArticleId.of(guid, permaLink, link);
                    assertThat(id).as("id of '%s'", link).matches("[0-9a-f]{16}");
                    assertThat(ArticleId.of(guid, permaLink, link)).isEqualTo(id);
                }
                if (!link.isBlank()) {
                    assertThat(ArticleId.of(null, false, variant(random, link))).as("variant of '%s'", link)
                            .isEqualTo(ArticleId.of(null, false, link));
                }
            } catch (AssertionError e) {
                throw e;
            } catch (Throwable t) {
                fail("ArticleId threw " + t + " for link '" + link + "', guid '" + guid + "'", t);
            }
        }
        System.out.printf("article id fuzz: %d links in %d ms%n", TRIES, (System.nanoTime() - started) / 1_000_000);
    }

    static String link(Random random) {
        StringBuilder b = new StringBuilder();
        String scheme = pick(random, SCHEMES);
        if (!scheme.isEmpty()) {
            b.append(scheme).append(random.nextInt(8) == 0 ? ":" : "://");
        }
        b.append(pick(random, HOSTS)).append(pick(random, PATHS));
        int params = random.nextInt(4);
        for (int p = 0; p < params; p++) {
            b.append(p == 0 ? '?' : '&').append(pick(random, PARAMS));
        }
        if (random.nextInt(4) == 0) {
            b.append('#').append(pick(random, List.of("", "top", "a#b", "x?y=1")));
        }
        return b.toString();
    }

    /** The same article as DESIGN.md defines it: only the parts that do not identify it change. */
    static String variant(Random random, String link) {
        String canonical = ArticleId.canonicalLink(link);
        if (!canonical.matches("(?i)https?://[^/?#@\\s]+/[^#\\s]*") || !parses(canonical)) {
            return "  " + link + "\n"; // not a web link: only surrounding space may change
        }
        int hostEnd = canonical.indexOf('/', canonical.indexOf("//") + 2);
        String origin = canonical.substring(0, hostEnd);
        String rest = canonical.substring(hostEnd);
        if (random.nextBoolean()) {
            origin = origin.toUpperCase(Locale.ROOT);
        }
        if (random.nextBoolean() && !origin.matches(".*:\\d*$") && hasServerHost(canonical)) {
            origin += origin.toLowerCase(Locale.ROOT).startsWith("https") ? ":443" : ":80";
        }
        if (random.nextBoolean()) {
            rest += (rest.contains("?") ? "&" : "?") + "utm_campaign=" + random.nextInt(100);
        }
        if (random.nextBoolean()) {
            rest += "#frag" + random.nextInt(10);
        }
        return " " + origin + rest + " ";
    }

    /** A host the URI parser reads as one (not a "registry" authority such as {@code %41.de}): only it has a port. */
    static boolean hasServerHost(String link) {
        try {
            return new java.net.URI(link).getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    static boolean parses(String link) {
        try {
            new java.net.URI(link);
            return true;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    static String noise(Random random) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(40);
        for (int i = 0; i < n; i++) {
            b.appendCodePoint(switch (random.nextInt(3)) {
                case 0 -> ":/?#[]@!$&'()*+,;=%.-_~ aZ09".charAt(random.nextInt(28));
                case 1 -> random.nextInt(0x80);
                default -> random.nextInt(0x10FFFF);
            });
        }
        return b.toString();
    }

    static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
