package io.newsalert.enrich.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsalert.events.Topic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicClassifierTest {

    static final TopicClassifier CLASSIFIER = TopicClassifier.load();

    private static List<String> labels(String title, String text) {
        return CLASSIFIER.classify(title, text).stream().map(Topic::label).toList();
    }

    @Test
    void sportNewsIsSport() {
        assertThat(labels("Rapid gewinnt Derby gegen Austria",
                "Der SK Rapid hat das Wiener Derby gegen die Austria mit 3:1 gewonnen. Der Stürmer traf zweimal, "
                        + "der Trainer lobte die Mannschaft nach dem Spiel. In der Tabelle liegt Rapid nun auf Platz zwei, "
                        + "vor dem nächsten Spiel in der Bundesliga gegen Salzburg.")).first().isEqualTo("sport");
    }

    @Test
    void economicNewsIsEconomy() {
        assertThat(labels("Inflation steigt weiter",
                "Die Inflation in der Eurozone ist im Jänner auf 5,1 Prozent gestiegen. Die Europäische Zentralbank "
                        + "hält dennoch an ihrem Zinssatz fest. Unternehmen klagen über höhere Energiepreise, die Börse "
                        + "reagierte mit Kursverlusten, Anleger zogen Geld aus Aktien ab.")).contains("economy");
    }

    @Test
    void warNewsIsConflictThroughTheLexicon() {
        assertThat(labels("Raketenangriff auf Kiew",
                "Russische Truppen haben in der Nacht Kiew mit Raketen angegriffen. Das Militär meldete schwere Gefechte "
                        + "an der Front, Soldaten beider Armeen wurden getötet. Die Regierung forderte neue Sanktionen.")).contains("conflict");
    }

    @Test
    void aTextWithoutTopicalWordsGetsNoLexiconTopic() {
        assertThat(TopicLexicon.load().score(SectionClassifier.words("Das ist ein Satz ohne besondere Wörter."))
                .values()).allSatisfy(s -> assertThat(s).isZero());
    }

    @Test
    void theTaxonomyIsIptcsTopLevelWithUniqueShortLabels() throws IOException {
        Set<String> iptcCodes = new HashSet<>();
        try (InputStream in = getClass().getResourceAsStream("/iptc/mediatopic-toplevel-en-de.csv")) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1)
                    .forEach(line -> iptcCodes.add(line.substring(0, line.indexOf(','))));
        }
        assertThat(Taxonomy.TOPICS).extracting(Taxonomy.Entry::code).containsExactlyInAnyOrderElementsOf(iptcCodes);
        assertThat(Taxonomy.TOPICS).extracting(Taxonomy.Entry::label).doesNotHaveDuplicates()
                .allSatisfy(l -> assertThat(l).matches("[a-z]+"));
        assertThat(Taxonomy.SECTIONS.values()).allSatisfy(l -> assertThat(Taxonomy.byLabel(l)).isPresent());
        assertThat(Taxonomy.require("conflict").code()).isEqualTo("medtop:16000000");
    }

    @Test
    void tenKGnadLinesAreReadAndBadOnesRefusedWithTheirPosition(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("a.csv");
        Files.writeString(csv, "Sport;'Rapid gewinnt; das ''Derby'' ist entschieden'\nWeb;'Neues Handy'\n");
        List<TopicCorpus.Article> articles = TopicCorpus.read(csv);
        assertThat(articles).containsExactly(new TopicCorpus.Article("Sport", "Rapid gewinnt; das 'Derby' ist entschieden"),
                new TopicCorpus.Article("Web", "Neues Handy"));
        Files.writeString(csv, "Sport;'ok'\nWetter;'unbekannte Sektion'\n");
        assertThatThrownBy(() -> TopicCorpus.read(csv)).hasMessageContaining("a.csv:2").hasMessageContaining("Wetter");
    }
}
