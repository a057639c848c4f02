package io.newsalert.enrich.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GermEvalCorpusTest {

    static Path excerpt() throws URISyntaxException {
        return Path.of(GermEvalCorpusTest.class.getResource("/germeval/excerpt.tsv").toURI());
    }

    @Test
    void readsSentencesWithOuterSpansAndTwelveLabels() throws Exception {
        List<NameSample> samples = GermEvalCorpus.read(excerpt(), true);
        assertThat(samples).hasSizeGreaterThanOrEqualTo(3);
        NameSample first = samples.get(0);
        assertThat(first.getSentence()).startsWith("1951", "bis", "1953");
        assertThat(first.getNames()).containsExactly(new Span(10, 11, "MISC"));
        assertThat(first.isClearAdaptiveDataSet()).isTrue();
        // "Robert Schörgenhofer" (B-PER I-PER) is one span of two tokens; "FIFA-Schiedsrichter" is ORGpart.
        List<Span> all = samples.stream().flatMap(s -> Arrays.stream(s.getNames())).toList();
        assertThat(all).anySatisfy(s -> {
            assertThat(s.getType()).isEqualTo("PER");
            assertThat(s.length()).isEqualTo(2);
        });
        assertThat(all).extracting(Span::getType).contains("ORGpart");
    }

    @Test
    void coarseLabelsFoldDerivAndPartIntoTheirBase() throws Exception {
        List<Span> all = GermEvalCorpus.read(excerpt(), false).stream().flatMap(s -> Arrays.stream(s.getNames())).toList();
        assertThat(all).extracting(Span::getType).isSubsetOf("PER", "ORG", "LOC", "MISC").contains("ORG", "PER", "MISC");
        assertThat(GermEvalCorpus.coarse("LOCderiv")).isEqualTo("LOC");
        assertThat(GermEvalCorpus.label("OTHpart", true)).isEqualTo("MISCpart");
    }

    @Test
    void aMalformedLineIsRefusedWithItsPosition(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.tsv");
        Files.writeString(bad, "1\tWien\tB-LOC\tO\n2 kaputt\n");
        assertThatThrownBy(() -> GermEvalCorpus.read(bad, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad.tsv:2");
    }
}
