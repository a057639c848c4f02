package io.newsalert.alert.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.alert.query.QueryCompiler;
import io.newsalert.events.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplanationTest {

    final QueryCompiler compiler = new QueryCompiler();
    final ArticleText seed = SeedArticle.article();

    @Test
    void aCompoundFoundApartPointsAtBothPartsInTheOriginalText() throws Exception {
        Explanation e = Explanation.of(compiler.compile("Truppenabzug"), seed).orElseThrow();
        System.out.println(e);
        List<String> found = e.spans().stream().map(s -> seed.field(s.field()).substring(s.start(), s.end())).toList();
        assertThat(found).contains("Abzug", "Truppen");
        assertThat(e.spans()).allMatch(s -> s.term().equals("Truppenabzug"));
        assertThat(e.snippet()).contains("«Abzug»").contains("«Truppen»").hasSizeLessThanOrEqualTo(Snippets.LENGTH + 30);
    }

    @Test
    void aPartInsideACompoundPointsAtTheWholeCompound() throws Exception {
        Explanation e = Explanation.of(compiler.compile("Aufmarsch"), seed).orElseThrow();
        List<String> found = e.spans().stream().map(s -> seed.field(s.field()).substring(s.start(), s.end())).toList();
        assertThat(found).contains("Truppenaufmarschs", "Truppenaufmarsch", "Militäraufmarsch");
        assertThat(e.snippet()).contains("«Truppenaufmarschs»");
    }

    @Test
    void anEntityMatchPointsAtTheEntityInTheText() throws Exception {
        Explanation e = Explanation.of(compiler.compile("entity:Stoltenberg"), seed).orElseThrow();
        int at = seed.text().indexOf("Jens Stoltenberg");
        assertThat(e.spans()).containsExactly(new Span("text", at, at + "Jens Stoltenberg".length(), "Stoltenberg"));
        assertThat(e.snippet()).contains("«Jens Stoltenberg»");
    }

    @Test
    void anExcludedWordIsNoSpanAndTitleMatchesComeFirst() throws Exception {
        Explanation e = Explanation.of(compiler.compile("Truppen -Waffenstillstand"), seed).orElseThrow();
        assertThat(e.spans().get(0).field()).isEqualTo("title");
        assertThat(e.spans()).noneMatch(s -> s.term().equals("Waffenstillstand"));
    }

    @Test
    void aTitleOnlyMatchSnippetsTheTitle() throws Exception {
        ArticleText a = new ArticleText("Waffenruhe in Sicht", "", "de", List.of(), List.of(), "f");
        Explanation e = Explanation.of(compiler.compile("Waffenruhe"), a).orElseThrow();
        assertThat(e.snippet()).isEqualTo("«Waffenruhe» in Sicht");
        assertThat(e.spans()).containsExactly(new Span("title", 0, 10, "Waffenruhe"));
    }

    @Test
    void theItemsHtmlContentIsMatchedAsPlainTextUnderText() throws Exception {
        var raw = new io.newsalert.events.RawArticle(1, "a1", "feed", "g", "https://e.de/a1", "Lage an der Grenze",
                "Kurz: die Lage ist unklar.", "<p>Die NATO sieht <b>keinen Abzug</b> russischer Truppen.</p><script>x()</script>",
                List.of(), List.of(), null, null, 1, "de");
        ArticleText a = ArticleText.of(io.newsalert.events.EnrichedArticle.passThrough(raw, java.time.Instant.now()));
        assertThat(a.content()).isEqualTo("Die NATO sieht keinen Abzug russischer Truppen.");
        Explanation e = Explanation.of(compiler.compile("text:Truppenabzug"), a).orElseThrow();
        assertThat(e.spans()).extracting(Span::field).containsOnly("content");
        assertThat(e.snippet()).isEqualTo("Die NATO sieht keinen «Abzug» russischer «Truppen».");
        assertThat(Explanation.of(compiler.compile("title:Truppenabzug"), a)).isEmpty();
    }

    @Test
    void contentThatRepeatsTheSummaryIsNotMatchedTwice() {
        var raw = new io.newsalert.events.RawArticle(1, "a2", "feed", "g", "https://e.de/a2", "T",
                "Abzug der Truppen.", "<p>Abzug der Truppen.</p>", List.of(), List.of(), null, null, 1, "de");
        assertThat(ArticleText.of(io.newsalert.events.EnrichedArticle.passThrough(raw, java.time.Instant.now())).content()).isEmpty();
    }
}
