package io.newsalert.alert.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.newsalert.alert.match.ArticleText;
import io.newsalert.alert.match.Explanation;
import io.newsalert.alert.match.SeedArticle;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the query compiler and the matcher behind {@code /api/match} and subscription validation
 * with a seeded generator: whatever a subscriber types either compiles (and then runs against the
 * seed article) or is refused with a {@link QuerySyntaxException} whose position lies inside the
 * query. Nothing else may escape (it would be a 500), and nothing may take long.
 */
class QueryCompilerFuzzTest {

    static final long SEED = 0x5EC0_8_2026L;
    static final int TRIES = 2000;

    static final List<String> WORDS = List.of("Truppenabzug", "Ukraine", "NATO", "Stoltenberg", "Einmarsch", "Brüssel",
            "Straße", "Öl", "russische", "Truppen", "a", "x1", "médecin", "東京", "é", "ß", "Aufmarsch", "Sanktion", "to",
            "AND", "OR", "NOT", "TO");
    static final List<String> FIELDS = List.of("title:", "text:", "entity:", "topic:", "feed:", "lang:", "author:",
            "title.de:", "_default:", "x:", ":");
    static final List<String> SYNTAX = List.of(" AND ", " OR ", " NOT ", " && ", " || ", "!", "+", "-", "(", ")", "\"",
            "*", "?", "~", "~2", "~0.5", "^", "^3", "^-1", "^99999999999", "/", "[", "]", "{", "}", " TO ", "\\", ":",
            " ", "  ", "\t", "\n", "\u0000", "\uD800", "\uFFFF", "'", "&", "|", "@", "#", ".*", "/[a-z]+/", "/(a|aa)*b/",
            "[a TO z]", "{* TO *}", "\"Truppen abzug\"~5", "Trupp*", "T?uppen", "*x", "a*b*c*d*e*f*g", "Trupenabzug~2");

    final QueryCompiler compiler = new QueryCompiler();
    final ArticleText seed = SeedArticle.article();

    @Test
    void everyQueryCompilesOrIsRefusedWithAPositionAndNothingHangs() {
        Random random = new Random(SEED);
        long worstNanos = 0;
        String worst = "";
        long started = System.nanoTime();
        for (int i = 0; i < TRIES; i++) {
            String query = i % 3 == 0 ? mutate(random, grammatical(random), 1 + random.nextInt(4)) : random(random);
            long t0 = System.nanoTime();
            Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), () -> check(query),
                    () -> "query took over 5 s: " + printable(query));
            long took = System.nanoTime() - t0;
            if (took > worstNanos) {
                worstNanos = took;
                worst = query;
            }
        }
        long total = System.nanoTime() - started;
        System.out.printf("query fuzz: %d queries in %d ms, slowest %d ms: %s%n", TRIES, total / 1_000_000,
                worstNanos / 1_000_000, printable(worst));
        assertThat(worstNanos).as("slowest query " + printable(worst)).isLessThan(Duration.ofSeconds(2).toNanos());
    }

    @Test
    void deepNestingAndVeryLongQueriesAreRefusedNotOverflowed() {
        for (String query : List.of("(".repeat(20_000) + "a" + ")".repeat(20_000),
                "a AND ".repeat(5_000) + "b", "\"" + "a ".repeat(10_000) + "\"", "+".repeat(10_000) + "a",
                "/" + "(a|b)*".repeat(2_000) + "/", "a AND ".repeat(330) + "b", "(a) ".repeat(499),
                "(".repeat(QueryCompiler.MAX_NESTING) + "a" + ")".repeat(QueryCompiler.MAX_NESTING),
                "/" + "(a|b)*c".repeat(250) + "/", "a*b*c*d*e*f*g*h*i*j*k*l*m*n*o*p", "T".repeat(1999) + "~2")) {
            Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), () -> check(query), () -> printable(query));
        }
        Assertions.assertDoesNotThrow(() -> compiler.compile("(".repeat(QueryCompiler.MAX_NESTING) + "Ukraine"
                + ")".repeat(QueryCompiler.MAX_NESTING)), "the deepest allowed nesting compiles");
    }

    private void check(String query) {
        CompiledQuery compiled;
        try {
            compiled = compiler.compile(query);
        } catch (QuerySyntaxException e) {
            assertThat(e.getMessage()).as("message for " + printable(query)).isNotBlank();
            assertThat(e.position()).as("position for " + printable(query)).isBetween(0, query.length());
            return;
        } catch (Throwable t) {
            fail("compile(" + printable(query) + ") threw " + t, t);
            return;
        }
        try {
            Explanation.of(compiled, seed);
        } catch (Throwable t) {
            fail("matching " + printable(query) + " threw " + t, t);
        }
    }

    /** A query built from the syntax's pieces, mostly well-formed. */
    static String grammatical(Random random) {
        StringBuilder q = new StringBuilder();
        int clauses = 1 + random.nextInt(5);
        for (int c = 0; c < clauses; c++) {
            if (c > 0) {
                q.append(pick(random, List.of(" ", " AND ", " OR ", " NOT ", " +", " -")));
            }
            if (random.nextInt(4) == 0) {
                q.append(pick(random, FIELDS));
            }
            switch (random.nextInt(6)) {
                case 0 -> q.append('"').append(pick(random, WORDS)).append(' ').append(pick(random, WORDS)).append('"');
                case 1 -> q.append('(').append(pick(random, WORDS)).append(" OR ").append(pick(random, WORDS)).append(')');
                case 2 -> q.append(pick(random, WORDS)).append(pick(random, List.of("*", "~", "~1", "^2", "?")));
                default -> q.append(pick(random, WORDS));
            }
        }
        return q.toString();
    }

    /** Pieces of syntax and words thrown together at random. */
    static String random(Random random) {
        StringBuilder q = new StringBuilder();
        int pieces = 1 + random.nextInt(12);
        for (int p = 0; p < pieces; p++) {
            switch (random.nextInt(4)) {
                case 0 -> q.append(pick(random, WORDS));
                case 1 -> q.append(pick(random, FIELDS));
                case 2 -> q.append(pick(random, SYNTAX));
                default -> q.appendCodePoint(randomCodePoint(random));
            }
        }
        return q.toString();
    }

    /** Inserts, deletes or replaces single characters. */
    static String mutate(Random random, String s, int times) {
        StringBuilder b = new StringBuilder(s);
        for (int i = 0; i < times; i++) {
            int at = b.length() == 0 ? 0 : random.nextInt(b.length());
            switch (random.nextInt(3)) {
                case 0 -> b.insert(at, pick(random, SYNTAX));
                case 1 -> {
                    if (b.length() > 0) {
                        b.deleteCharAt(at);
                    }
                }
                default -> {
                    if (b.length() > 0) {
                        b.setCharAt(at, (char) randomCodePoint(random));
                    }
                }
            }
        }
        return b.toString();
    }

    static int randomCodePoint(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> 32 + random.nextInt(95); // printable ASCII: all of the syntax
            case 1 -> random.nextInt(32); // control characters
            case 2 -> 0xA0 + random.nextInt(0x250); // Latin-1 and Latin Extended
            default -> random.nextInt(0xD7FF);
        };
    }

    static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(200).forEach(c -> {
            if (c < 32 || (c >= 0xD800 && c <= 0xDFFF)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return '"' + out.toString() + '"' + (s.length() > 200 ? "… (" + s.length() + " chars)" : "");
    }
}
