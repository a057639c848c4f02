package io.newsalert.alert.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GermanAnalysisTest {

    final Analyzer document = Analysis.german(true);
    final Analyzer query = Analysis.german(false);

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Rückzug          | Rueckzug
            Außenminister    | Aussenminister
            Sanktionen       | Sanktion
            Einmarschs       | Einmarsch
            TRUPPEN          | truppen
            Bündnisstaaten   | buendnisstaaten
            """)
    void spellingsAndInflectionsMeetInOneTerm(String a, String b) throws IOException {
        assertThat(terms(query, a)).isEqualTo(terms(query, b)).hasSize(1);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Truppenabzug              | Truppen abzug
            Truppenaufmarschs         | Truppen aufmarschs
            Verteidigungsministerium  | Verteidigung ministerium
            Waffenstillstand          | Waffen stillstand
            Scholz                    | ''
            Brüssel                   | ''
            Generalsekretär           | ''
            Sanktionen                | ''
            """)
    void compoundsSplitAtTheirRealPartsOnly(String word, String parts) {
        List<String> expected = parts == null || parts.isBlank() ? List.of() : List.of(parts.split(" "));
        assertThat(CompoundSplitter.german().parts(word)).isEqualTo(expected);
    }

    @Test
    void aWordsCharactersGetTheAnswerItsStringGets() throws Exception {
        // Every word of the 10kGNAD sample: more of the splittable ones than the per-thread table has slots, so words
        // share slots and push each other out, and each is asked for twice.
        Set<String> words = new LinkedHashSet<>();
        try (var in = new BufferedReader(new InputStreamReader(
                GermanAnalysisTest.class.getResourceAsStream("/10kgnad/articles.csv"), StandardCharsets.UTF_8))) {
            in.lines().forEach(line -> words.addAll(List.of(line.split("[^\\p{L}]+"))));
        }
        words.addAll(List.of("Truppenabzug", "Scholz", "Brüssel", "Waffenstillstand", "Corona-Krise", "Truppenabzug"));
        assertThat(words.stream().filter(w -> CompoundSplitter.splitsWordsOf(w.length())).count())
                .isGreaterThan(CompoundSplitter.RECENT_WORDS);
        int compounds = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (String w : words) {
                char[] buffer = Arrays.copyOf(w.toCharArray(), w.length() + 5);
                char[] answer = CompoundSplitter.german().parts(buffer, w.length());
                List<String> parts = new ArrayList<>();
                for (int i = 0, at = CompoundSplitter.Parts.firstStart(answer); i < CompoundSplitter.Parts.count(answer); i++) {
                    parts.add(new String(answer, at, CompoundSplitter.Parts.length(answer, i)));
                    at += CompoundSplitter.Parts.length(answer, i);
                }
                assertThat(parts).as(w).isEqualTo(CompoundSplitter.german().parts(w));
                compounds += parts.isEmpty() ? 0 : 1;
            }
        }
        assertThat(compounds).isGreaterThan(1000);
    }

    @Test
    void compoundPartsShareTheCompoundsPositionAndOffsets() throws IOException {
        assertThat(Tokens.placed(document.tokenStream("text.de", "des Truppenaufmarschs"), false)).containsExactly("des@1:0-3", "truppenaufmarsch@1:4-21", "trupp@0:4-21", "aufmarsch@0:4-21");
    }

    private static List<String> terms(Analyzer analyzer, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("text.de", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        }
        return out;
    }
}
