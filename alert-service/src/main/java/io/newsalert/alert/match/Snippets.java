package io.newsalert.alert.match;

import io.newsalert.events.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A snippet of about {@value #LENGTH} characters around the first match in the text (else in the
 * content, else in the title), every matched span inside it marked «like this», cut at word
 * boundaries with "…" where text was left out.
 */
final class Snippets {

    static final int LENGTH = 200;
    private static final int BEFORE = 60;

    static String of(ArticleText article, List<Span> spans) {
        return new Snippets(article).of(spans);
    }

    private final ArticleText article;
    /** Per text field (title, text, content): 1 when it is already one line of single spaces, -1 when not, 0 not yet known. */
    private final byte[] collapsed = new byte[3];
    /**
     * One buffer for all of an article's snippets: "…" is not Latin-1, so a new builder was widened to
     * UTF-16 for each snippet, and those two arrays were a sixth of the bytes matching an article allocated.
     */
    private final StringBuilder out = new StringBuilder(LENGTH + 20);

    /** The snippets of one article: whether a field needs its whitespace collapsed is found once, not per snippet. */
    Snippets(ArticleText article) {
        this.article = article;
    }

    /**
     * The snippets made so far, by the places they mark. Different queries often mark the same
     * places ("Sanktion" and "Sanktionen OR Embargo"): at 100,000 subscriptions 29 % of an article's
     * snippets were one made already.
     */
    private final Map<Marks, String> made = new HashMap<>();

    /** The places of the spans in the text fields, which are all a snippet depends on. */
    private static final class Marks {
        final long[] places;
        final int hash;

        Marks(long[] places) {
            this.places = places;
            this.hash = Arrays.hashCode(places);
        }

        static Marks of(List<Span> spans) {
            long[] places = new long[spans.size()];
            int n = 0;
            for (Span s : spans) {
                long field = switch (s.field()) {
                    case "title" -> 1;
                    case "text" -> 2;
                    case "content" -> 3;
                    default -> 0;
                };
                if (field != 0) {
                    places[n++] = field << 62 | (long) s.start() << 31 | s.end();
                }
            }
            return new Marks(n == places.length ? places : Arrays.copyOf(places, n));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Marks m && m.hash == hash && Arrays.equals(m.places, places);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    String of(List<Span> spans) {
        Marks marks = Marks.of(spans);
        String known = made.get(marks);
        if (known == null) {
            known = make(spans);
            made.put(marks, known);
        }
        return known;
    }

    private String make(List<Span> spans) {
        String field = has(spans, "text") ? "text" : has(spans, "content") ? "content" : has(spans, "title") ? "title" : "text";
        String value = article.field(field);
        if (value.isEmpty()) {
            field = "title";
            value = article.title();
        }
        List<Span> inField = new ArrayList<>(spans.size());
        for (Span s : spans) {
            if (s.field().equals(field)) {
                inField.add(s);
            }
        }
        inField.sort(BY_START);
        int from = inField.isEmpty() ? 0 : Math.max(0, inField.get(0).start() - BEFORE);
        int to = Math.min(value.length(), from + LENGTH);
        if (to == value.length()) {
            from = Math.max(0, to - LENGTH);
        }
        if (from > 0) {
            int space = value.indexOf(' ', from);
            if (space >= 0 && space < (inField.isEmpty() ? to : inField.get(0).start())) {
                from = space + 1;
            }
        }
        if (to < value.length()) {
            int space = value.lastIndexOf(' ', to);
            int lastStart = inField.isEmpty() ? from : inField.get(0).end();
            if (space > lastStart) {
                to = space;
            }
        }
        StringBuilder out = this.out;
        out.setLength(0);
        if (from > 0) {
            out.append('…');
        }
        int at = from;
        for (Span span : inField) {
            int start = Math.max(span.start(), at);
            int end = Math.min(span.end(), to);
            if (start >= end) {
                continue;
            }
            out.append(value, at, start).append('«').append(value, start, end).append('»');
            at = end;
        }
        out.append(value, at, to);
        if (to < value.length()) {
            out.append('…');
        }
        // From a field of single spaces the snippet has no other whitespace: its cuts are at words, and it adds none.
        return isCollapsed(field) ? out.toString() : collapseWhitespace(out);
    }

    private boolean isCollapsed(String field) {
        int i = switch (field) {
            case "title" -> 0;
            case "text" -> 1;
            default -> 2;
        };
        if (collapsed[i] == 0) {
            collapsed[i] = (byte) (isCollapsedText(article.field(field)) ? 1 : -1);
        }
        return collapsed[i] > 0;
    }

    private static final java.util.Comparator<Span> BY_START = (a, b) -> Integer.compare(a.start(), b.start());

    private static boolean has(List<Span> spans, String field) {
        for (Span s : spans) {
            if (s.field().equals(field)) {
                return true;
            }
        }
        return false;
    }

    /** Line breaks and runs of blanks become one space: a snippet is one line. */
    static String collapseWhitespace(CharSequence snippet) {
        String s = snippet.toString();
        if (isCollapsedText(s)) {
            // The usual case: ingest-service already made the text one line with single spaces.
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        boolean blank = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isWhitespace(c)) {
                blank = out.length() > 0;
            } else {
                if (blank) {
                    out.append(' ');
                    blank = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether the text has no whitespace but single spaces between words, so that collapsing leaves it as it is. */
    private static boolean isCollapsedText(String s) {
        boolean previousBlank = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean blank = isWhitespace(c);
            if (blank && (c != ' ' || previousBlank)) {
                return false;
            }
            previousBlank = blank;
        }
        return s.isEmpty() || !previousBlank;
    }

    /** {@link Character#isWhitespace}, with the answer for printable ASCII (most of a snippet) taken without the lookup. */
    private static boolean isWhitespace(char c) {
        return c > ' ' && c < 0x7f ? false : Character.isWhitespace(c);
    }
}
