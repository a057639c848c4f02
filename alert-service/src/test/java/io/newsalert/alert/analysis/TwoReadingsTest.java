package io.newsalert.alert.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Test;

/** One tokenizer pass for two readings gives exactly what the two analysers give. */
class TwoReadingsTest {

    @Test
    void bothReadingsAreTokenForTokenWhatTheirAnalysersGive() throws IOException {
        List<String> texts = new ArrayList<>(List.of("", "   ", "…!?", "Der Truppenabzug: 12,5 Mio. € für Nato-Truppen — Aufmarsch!",
                "Straße STRASSE strasse Ärger AERGER", "x".repeat(600) + " Ende", "Emoji 🙂 und 中文 und עברית",
                "Zeile eins\nZeile zwei\tTab  zwei Leerzeichen "));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                TwoReadingsTest.class.getResourceAsStream("/10kgnad/articles.csv"), StandardCharsets.UTF_8))) {
            in.lines().limit(120).forEach(texts::add);
        }
        Analyzer german = Analysis.german(true);
        Analyzer exact = Analysis.exact();
        int tokens = 0;
        for (String text : texts) {
            TwoReadings both = new TwoReadings(text);
            List<String> germanTokens = Tokens.placed(both.german(), true);
            assertThat(germanTokens).as(text).isEqualTo(Tokens.placed(german.tokenStream("text.de", text), true));
            assertThat(Tokens.placed(both.exact(), true)).as(text).isEqualTo(Tokens.placed(exact.tokenStream("text.exact", text), true));
            tokens += germanTokens.size();
        }
        assertThat(tokens).as("the articles were read").isGreaterThan(20_000);
    }

    @Test
    void theExactReadingFollowsTheGermanOne() {
        TwoReadings both = new TwoReadings("Truppenabzug");
        assertThatThrownBy(both::exact).isInstanceOf(IllegalStateException.class).hasMessageContaining("read that first");
    }
}
