package io.newsalert.enrich.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.events.EntityType;
import org.junit.jupiter.api.Test;

class GazetteerTest {

    static final Gazetteer GAZETTEER = Gazetteer.load();

    private static String canonical(String surface) {
        return GAZETTEER.lookup(surface).map(Gazetteer.Entry::canonical).orElse(null);
    }

    @Test
    void variantsOfOneNameShareItsCanonicalForm() {
        assertThat(canonical("USA")).isEqualTo("USA");
        assertThat(canonical("Vereinigte Staaten")).isEqualTo("USA");
        assertThat(canonical("United States")).isEqualTo("USA");
        assertThat(canonical("Putin")).isEqualTo("Wladimir Putin");
        assertThat(canonical("Vladimir Putin")).isEqualTo("Wladimir Putin");
        assertThat(canonical("Europäischen Union")).isEqualTo("EU");
    }

    @Test
    void everyCountryIsKnownInGermanAndEnglishFromLocaleData() {
        assertThat(canonical("Frankreich")).isEqualTo("Frankreich");
        assertThat(canonical("France")).isEqualTo("Frankreich");
        assertThat(canonical("Neuseeland")).isEqualTo("Neuseeland");
        assertThat(GAZETTEER.lookup("Neuseeland").orElseThrow().type()).isEqualTo(EntityType.LOC);
        assertThat(GAZETTEER.size()).isGreaterThan(500);
    }

    @Test
    void theGermanGenitiveIsRecognised() {
        assertThat(canonical("Russlands")).isEqualTo("Russland");
        assertThat(canonical("Putins")).isEqualTo("Wladimir Putin");
    }

    @Test
    void unknownNamesAreNotInvented() {
        assertThat(GAZETTEER.lookup("Schörgenhofer")).isEmpty();
        assertThat(GAZETTEER.lookup("Haus")).isEmpty();
    }

    @Test
    void singleWordEnglishCountryNamesThatAreAlsoGivenNamesAreNotMatchedInText() {
        assertThat(GAZETTEER.textVariants()).doesNotContainKey("Chad").doesNotContainKey("Jordan")
                .containsKey("Tschad").containsKey("Vereinigte Staaten");
        assertThat(canonical("Chad")).isEqualTo("Tschad");
    }
}
