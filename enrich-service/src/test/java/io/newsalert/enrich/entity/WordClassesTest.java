package io.newsalert.enrich.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The German lexicon's word classes that the tagger uses as features. */
class WordClassesTest {

    static final WordClasses LEXICON = WordClasses.load();

    private static boolean has(String word, int bit) {
        return (LEXICON.of(word) & bit) != 0;
    }

    @Test
    void properNounsComeWithTheirKind() {
        assertThat(has("Jens", WordClasses.FIRST_NAME)).isTrue();
        assertThat(has("Müller", WordClasses.SURNAME)).isTrue();
        assertThat(has("Frankreich", WordClasses.COUNTRY)).isTrue();
        assertThat(has("Berlin", WordClasses.CITY)).isTrue();
        assertThat(has("Bayern", WordClasses.REGION)).isTrue();
    }

    @Test
    void commonWordsAreNotNames() {
        assertThat(has("Haus", WordClasses.NOUN)).isTrue();
        assertThat(has("Haus", WordClasses.PROPER)).isFalse();
        assertThat(has("russischen", WordClasses.ADJECTIVE)).isTrue();
        // At a sentence's start the capitalised adjective is recognised by its lower-case form.
        assertThat(has("Russischen", WordClasses.LOWER_ADJECTIVE)).isTrue();
    }

    @Test
    void unknownWordsAndNonWordsAreMarkedAsSuch() {
        assertThat(LEXICON.of("Spezstroi")).isEqualTo(WordClasses.UNKNOWN);
        assertThat(LEXICON.of("1951")).isZero();
        assertThat(LEXICON.of("Spezstroi")).isEqualTo(LEXICON.of("Spezstroi"));
    }

    @Test
    void unknownCompoundsOfAKnownNounAreMarked() {
        // "Werkes", "Bank" are known nouns: the unknown words are most likely compounds of them.
        assertThat(LEXICON.of("Kolpingwerkes")).isEqualTo(WordClasses.UNKNOWN | WordClasses.NOUN_COMPOUND);
        assertThat(LEXICON.of("Industriekreditbank")).isEqualTo(WordClasses.UNKNOWN | WordClasses.NOUN_COMPOUND);
        // No known noun at the end, or too short a word to have one: no compound. (A name may look
        // like one: "Antsirabe" ends in "Rabe"; the tagger weighs the bit with the other features.)
        assertThat(has("Spezstroi", WordClasses.NOUN_COMPOUND)).isFalse();
        assertThat(has("Gudme", WordClasses.NOUN_COMPOUND)).isFalse();
        // Known words and lower-case words are not looked at.
        assertThat(has("Haus", WordClasses.NOUN_COMPOUND)).isFalse();
        assertThat(has("industriekreditbank", WordClasses.NOUN_COMPOUND)).isFalse();
    }
}
