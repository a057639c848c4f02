package io.newsalert.enrich.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.events.Entity;
import io.newsalert.events.EntityType;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EntityExtractionTest {

    static EntityExtraction extraction;

    @BeforeAll
    static void load() {
        extraction = new EntityExtraction(NameTagger.load(), GazetteerTest.GAZETTEER);
    }

    @Test
    void aSurnameAloneGroupsWithTheFullNameInTheSameArticle() {
        List<Entity> found = extraction.extract("Treffen in Graz",
                "Der Schiedsrichter Robert Schörgenhofer leitete das Spiel. Nach dem Abpfiff sagte Schörgenhofer, er sei zufrieden.");
        assertThat(found).filteredOn(e -> e.text().equals("Schörgenhofer"))
                .extracting(Entity::canonical).containsOnly("Robert Schörgenhofer");
        assertThat(found).filteredOn(e -> e.text().equals("Robert Schörgenhofer"))
                .extracting(Entity::type).containsOnly(EntityType.PER);
    }

    @Test
    void aNameInAHyphenatedCompoundIsCutToTheName() {
        List<Entity> found = extraction.extract(null, "Der NATO-Generalsekretär und der G20-Gipfel waren Thema in Berlin.");
        assertThat(found).anySatisfy(e -> {
            assertThat(e.text()).isEqualTo("NATO");
            assertThat(e.type()).isEqualTo(EntityType.ORG);
            assertThat(e.start()).isEqualTo(4);
            assertThat(e.end()).isEqualTo(8);
        });
        assertThat(found).extracting(Entity::canonical).contains("G20", "Berlin");
        assertThat(EntityExtraction.namePart("Ukraine-Krise", 0, 13)).hasValueSatisfying(s -> assertThat(s).containsExactly(0, 7));
        assertThat(EntityExtraction.namePart("Anti-Putin-Demo", 0, 15)).hasValueSatisfying(s -> assertThat(s).containsExactly(5, 10));
        assertThat(EntityExtraction.namePart("Russlandkrise", 0, 13)).isEmpty();
    }

    @Test
    void adjectivesDerivedFromNamesAreNotEntities() {
        List<Entity> found = extraction.extract(null, "Die russischen Truppen stehen an der ukrainischen Grenze.");
        assertThat(found).extracting(Entity::text).doesNotContain("russischen", "ukrainischen");
    }

    @Test
    void aWordTheArticleAlsoUsesInLowerCaseIsNotSpreadAsAName() {
        List<Entity> found = extraction.extract("Die Wahl", "Die Partei gewinnt. die Wahl ist vorbei. Die Zahlen sind klar.");
        assertThat(found).extracting(Entity::text).doesNotContain("Die");
    }

    @Test
    void aSentencesFullStopIsNotPartOfTheName() {
        assertThat(EntityExtraction.withoutFinalPeriod("sagte er MSNBC.", 9, 15)).isEqualTo(14);
        assertThat(EntityExtraction.withoutFinalPeriod("die U.S.", 4, 8)).isEqualTo(8);
        List<Entity> found = extraction.extract(null, "Das sagte Blinken dem Fernsehsender MSNBC. \"Sie bleiben dort.\"");
        assertThat(found).extracting(Entity::text).doesNotContain("MSNBC.");
    }

    @Test
    void aSpanStartingInLowerCaseIsCutToItsCapitalisedWords() {
        String s = "troops near the border with Ukraine.";
        assertThat(EntityExtraction.capitalisedCore(s, 0, s.length())).hasValueSatisfying(span ->
                assertThat(s.substring(span[0], span[1])).isEqualTo("Ukraine"));
        assertThat(EntityExtraction.capitalisedCore("sign of withdrawal", 0, 18)).isEmpty();
    }

    @Test
    void emptyTextsHaveNoEntities() {
        assertThat(extraction.extract(null, null)).isEmpty();
        assertThat(extraction.extract("", "   ")).isEmpty();
    }
}
