package io.newsalert.alert.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharacterUtils;
import org.junit.jupiter.api.Test;

/** One tokenizer pass for two readings gives exactly what the two analysers give: the German reading, and the words the exact one lower-cases. */
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
            assertThat(lowerCased(both.words())).as(text).isEqualTo(Tokens.placed(exact.tokenStream("text.exact", text), true));
            tokens += germanTokens.size();
        }
        assertThat(tokens).as("the articles were read").isGreaterThan(20_000);
    }

    @Test
    void theWordsAreThoseOfTheLastTextRead() throws IOException {
        TwoReadings both = new TwoReadings(16);
        Tokens.placed(both.read("Der lange Truppenabzug beginnt heute").german(), false);
        Tokens.placed(both.read("Ärger").german(), false);
        assertThat(lowerCased(both.words())).containsExactly("ärger@1:0-5", "end@0:5");
    }

    @Test
    void theWordsAreRecordedByTheGermanReading() {
        TwoReadings both = new TwoReadings("Truppenabzug");
        assertThatThrownBy(both::words).isInstanceOf(IllegalStateException.class).hasMessageContaining("read that first");
    }

    /** The words lower-cased as the exact reading's filter does it, written as {@link Tokens#placed} writes a stream with its end. */
    private static List<String> lowerCased(TwoReadings.Words words) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.count(); i++) {
            char[] word = Arrays.copyOfRange(words.chars(), words.start(i), words.start(i) + words.length(i));
            CharacterUtils.toLowerCase(word, 0, word.length);
            out.add(new String(word) + "@" + words.increment(i) + ":" + words.startOffset(i) + "-" + words.endOffset(i));
        }
        // The final increment of StandardTokenizer's end is 0 unless it skipped over-long tokens, which the tests do not hold.
        out.add("end@0:" + words.finalOffset());
        return out;
    }
}
