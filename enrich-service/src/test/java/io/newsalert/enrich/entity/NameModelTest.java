package io.newsalert.enrich.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The perceptron tagger's mechanics on the GermEval excerpt: training, decoding, the model file. */
class NameModelTest {

    static NameTagger.Resources resources;
    static List<NameSample> excerpt;

    @BeforeAll
    static void load() throws Exception {
        resources = NameTagger.Resources.load(GazetteerTest.GAZETTEER);
        excerpt = GermEvalCorpus.read(GermEvalCorpusTest.excerpt(), true);
    }

    private static byte[] bytes(NameModel model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);
        return out.toByteArray();
    }

    @Test
    void trainingIsReproducibleByteForByte() throws IOException {
        NameModel a = NameModelTraining.train(excerpt, resources, 5, 14, 7, 2, m -> { });
        NameModel b = NameModelTraining.train(excerpt, resources, 5, 14, 7, 2, m -> { });
        assertThat(bytes(a)).isEqualTo(bytes(b));
    }

    @Test
    void aModelLearnsTheNamesOfItsTrainingSentencesAndSurvivesTheFile() throws IOException {
        NameModel trained = NameModelTraining.train(excerpt, resources, 20, 16, 7, 1, m -> { });
        NameModel read = NameModel.read(new ByteArrayInputStream(bytes(trained)));
        assertThat(bytes(read)).isEqualTo(bytes(trained));
        assertThat(read.rowWeights).isEqualTo(trained.rowWeights);
        assertThat(read.transitions).isEqualTo(trained.transitions);
        NameTagger tagger = new NameTagger(resources, read);
        int right = 0;
        int all = 0;
        for (NameSample s : excerpt) {
            List<Span> found = Arrays.asList(tagger.find(s.getSentence()));
            for (Span gold : s.getNames()) {
                all++;
                right += found.contains(gold) ? 1 : 0;
            }
        }
        assertThat(all).isPositive();
        assertThat((double) right / all).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void decodedTagsNeverHoldAnInsideTagWithoutItsBeginning() {
        NameTagger tagger = NameTagger.load(GazetteerTest.GAZETTEER);
        String[] words = "Der deutsch-französische Gipfel in Brüssel mit Olaf Scholz und Emmanuel Macron von der EU-Kommission".split(" ");
        Span[] spans = tagger.find(words);
        assertThat(spans).isNotEmpty();
        assertThat(spans).extracting(Span::getType).allSatisfy(t -> assertThat(NameModelTraining.LABELS).contains(t));
        assertThat(spans).anySatisfy(s -> {
            assertThat(s.getType()).isEqualTo("PER");
            assertThat(Arrays.copyOfRange(words, s.getStart(), s.getEnd())).containsExactly("Olaf", "Scholz");
        });
        assertThat(NameModel.spans(new int[] {1, 2, 2, 0, 3, 4}, 6))
                .containsExactly(new int[] {0, 0, 3}, new int[] {1, 4, 6});
    }

    @Test
    void pruningDropsExactlyTheSmallWeightsAndKeepsTheRest() {
        NameModel trained = NameModelTraining.train(excerpt, resources, 5, 14, 7, 2, m -> { });
        NameModel all = trained.pruned(0f);
        assertThat(all.rowWeights).isEqualTo(trained.rowWeights);
        assertThat(all.rowStart).isEqualTo(trained.rowStart);

        float minimum = 0.5f;
        long large = 0;
        for (float v : trained.rowWeights) {
            large += Math.abs(v) >= minimum ? 1 : 0;
        }
        NameModel pruned = trained.pruned(minimum);
        assertThat(large).isLessThan(trained.rowWeights.length);
        assertThat(pruned.rowWeights).hasSize((int) large);
        for (float v : pruned.rowWeights) {
            assertThat(Math.abs(v)).isGreaterThanOrEqualTo(minimum);
        }
        // Each kept weight stays in its bucket with its tag.
        for (int b = 0, e = 0; b < 1 << trained.bucketBits; b++) {
            for (int i = trained.rowStart[b]; i < trained.rowStart[b + 1]; i++) {
                if (Math.abs(trained.rowWeights[i]) >= minimum) {
                    assertThat(e).isBetween(pruned.rowStart[b], pruned.rowStart[b + 1] - 1);
                    assertThat(pruned.rowTags[e]).isEqualTo(trained.rowTags[i]);
                    assertThat(pruned.rowWeights[e++]).isEqualTo(trained.rowWeights[i]);
                }
            }
        }
        assertThat(pruned.transitions).isEqualTo(trained.transitions);
    }

    @Test
    void aFileThatIsNoModelIsRefused() {
        assertThatThrownBy(() -> NameModel.read(new ByteArrayInputStream(new byte[] {1, 2, 3})))
                .isInstanceOf(IOException.class);
    }
}
