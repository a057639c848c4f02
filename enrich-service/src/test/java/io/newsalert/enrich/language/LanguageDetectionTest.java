package io.newsalert.enrich.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageDetectionTest {

    static final LanguageDetection DETECTION = LanguageDetection.load();

    @Test
    void germanAndEnglishNewsAreRecognised() {
        assertThat(DETECTION.detect("Die Bundesregierung hat am Mittwoch neue Sanktionen gegen Russland beschlossen, "
                + "wie ein Sprecher in Berlin mitteilte.", null).language()).isEqualTo("de");
        assertThat(DETECTION.detect("The government announced new sanctions against Russia on Wednesday, "
                + "a spokesman said in London.", null).language()).isEqualTo("en");
    }

    @Test
    void otherLanguagesAreReportedNotForcedIntoGermanOrEnglish() {
        assertThat(DETECTION.detect("Le gouvernement a annoncé mercredi de nouvelles sanctions contre la Russie, "
                + "a indiqué un porte-parole à Paris.", null).language()).isEqualTo("fr");
    }

    @Test
    void theFeedsHintIsAPriorNotTheAnswer() {
        String german = "Die Bundesregierung hat am Mittwoch neue Sanktionen gegen Russland beschlossen, "
                + "wie ein Sprecher in Berlin mitteilte. Die Maßnahmen sollen ab Montag gelten.";
        assertThat(DETECTION.detect(german, "en").language()).as("a clear German text stays German").isEqualTo("de");
        assertThat(DETECTION.detect(german, "DE").language()).isEqualTo("de");
    }

    @Test
    void aTextTooShortToJudgeTakesTheHintOrIsUndetermined() {
        assertThat(DETECTION.detect("OK", "de").language()).isEqualTo("de");
        assertThat(DETECTION.detect("", null).language()).isEqualTo(LanguageDetection.UNDETERMINED);
        assertThat(DETECTION.detect(null, null).language()).isEqualTo(LanguageDetection.UNDETERMINED);
    }
}
