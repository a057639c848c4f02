package io.newsalert.alert.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.events.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Snippets: one line, about 200 characters, the matches marked, cut at words. */
class SnippetsTest {

    @Test
    void aSnippetOfTextWithLineBreaksAndRunsOfBlanksIsOneLine() {
        String text = "Erste Zeile.\n\nZweite   Zeile mit\tTruppenabzug und mehr.  ";
        int at = text.indexOf("Truppenabzug");
        ArticleText article = new ArticleText("Titel", text, "de", List.of(), List.of(), "feed");
        String snippet = Snippets.of(article, List.of(new Span("text", at, at + "Truppenabzug".length(), "Truppenabzug")));
        assertThat(snippet).isEqualTo("Erste Zeile. Zweite Zeile mit «Truppenabzug» und mehr.");
    }

    /**
     * Text that is already one line of single spaces (as ingest-service delivers it) is not
     * collapsed again: wherever the spans and cuts fall, the snippet is what collapsing would make.
     */
    @Test
    void aSnippetOfOneLineTextNeedsNoCollapsingWhereverItIsCut() throws Exception {
        Random random = new Random(7);
        List<ArticleText> articles = new ArrayList<>(MatcherBenchmark.articles().subList(0, 40));
        articles.add(new ArticleText("T", "a b c d e f g h i j k l m n o p q r s t u v w x y z ".repeat(20).strip(), "de", List.of(), List.of(), "f"));
        int checked = 0;
        for (ArticleText article : articles) {
            Snippets snippets = new Snippets(article);
            String text = article.text();
            for (int i = 0; i < 50; i++) {
                List<Span> spans = new ArrayList<>();
                int start = random.nextInt(text.length());
                // Spans that begin or end at a blank as well as at words: the cuts around them vary too.
                for (int k = 0, n = 1 + random.nextInt(3); k < n && start < text.length(); k++) {
                    int end = Math.min(text.length(), start + 1 + random.nextInt(15));
                    spans.add(new Span("text", start, end, "w"));
                    start = end + random.nextInt(120);
                }
                String snippet = snippets.of(spans);
                assertThat(snippet).isEqualTo(Snippets.collapseWhitespace(snippet)).doesNotContain("  ").doesNotStartWith(" ")
                        .doesNotEndWith(" ");
                assertThat(snippet.length()).isBetween(1, Snippets.LENGTH + 30);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(41 * 50);
    }

    /** An article's snippets are kept by the places they mark: a snippet is reused only for the same places, whatever words matched there. */
    @Test
    void theSnippetsOfOneArticleAreTheSnippetsEachSpanListGetsAlone() throws Exception {
        Random random = new Random(11);
        ArticleText article = MatcherBenchmark.articles().get(3);
        Snippets shared = new Snippets(article);
        int text = article.text().length();
        int title = article.title().length();
        int reused = 0;
        for (int i = 0; i < 500; i++) {
            List<Span> spans = new ArrayList<>();
            // Few places, so that lists repeat; a title span and an entity span sometimes beside them.
            int start = 10 * random.nextInt(Math.min(8, text / 10 - 2));
            spans.add(new Span("text", start, start + 1 + random.nextInt(3), random.nextBoolean() ? "a" : "b"));
            if (random.nextInt(3) == 0) {
                spans.add(0, new Span("title", 0, Math.min(title, 1 + random.nextInt(2)), "t"));
            }
            if (random.nextInt(4) == 0) {
                spans.add(new Span("entity", 0, 3, "e"));
            }
            String before = shared.of(spans);
            reused += before == shared.of(spans) ? 1 : 0;
            assertThat(before).as("spans %s", spans).isEqualTo(new Snippets(article).of(spans));
        }
        assertThat(reused).isEqualTo(500);
    }
}
