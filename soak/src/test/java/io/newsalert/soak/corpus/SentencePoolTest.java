package io.newsalert.soak.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentencePoolTest {

    static SentencePool smallPool() {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            s.add("Die Regierung in Wien beschloss am Montag das Paket Nummer " + i + ".");
        }
        return new SentencePool(s);
    }

    @Test
    void aTenKGnadLineIsSplitIntoSentences() {
        List<String> s = SentencePool.sentencesOf10kgnadLine(
                "Inland;'Die Koalition hat sich auf ein neues Budget geeinigt. Die Opposition kritisiert den Entwurf scharf! Kurz.'");
        assertThat(s).containsExactly("Die Koalition hat sich auf ein neues Budget geeinigt.", "Die Opposition kritisiert den Entwurf scharf!");
    }

    @Test
    void germEvalTokensAreJoinedWithTheUsualSpacing() {
        List<String> s = SentencePool.germevalSentences(List.of("#\tsource", "1\tDer\tO\tO", "2\tKanzler\tO\tO", "3\t,\tO\tO",
                "4\tso\tO\tO", "5\theißt\tO\tO", "6\tes\tO\tO", "7\tin\tO\tO", "8\tBerlin\tB-LOC\tO", "9\t,\tO\tO", "10\tkommt\tO\tO",
                "11\t.\tO\tO", ""));
        assertThat(s).containsExactly("Der Kanzler, so heißt es in Berlin, kommt.");
    }

    @Test
    void tooFewSentencesAreRefused() {
        assertThatThrownBy(() -> new SentencePool(List.of("Ein Satz, der allein nicht reicht."))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSharedDataGivesThousandsOfSentencesWhereItIsPresent() {
        Path data = Path.of(System.getProperty("newsalert.root", "..")).resolveSibling("shared/data");
        if (!Files.isDirectory(data.resolve("10kgnad"))) {
            return; // the shared data sets live beside the checkout on the project's machines only
        }
        SentencePool pool = SentencePool.load(data);
        assertThat(pool.size()).isGreaterThan(5000);
        assertThat(pool.headlineCount()).isGreaterThan(1000);
    }
}
