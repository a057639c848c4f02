package io.newsalert.enrich.entity;

import java.io.IOException;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import morfologik.stemming.Dictionary;
import morfologik.stemming.DictionaryLookup;
import morfologik.stemming.WordData;

/**
 * What the German full-form lexicon knows of a word, as a bit set: common noun, adjective, verb,
 * function word, and for proper nouns their kind (first name, surname, country, city, region,
 * water or mountain). With 5,100 training sentences most names are unseen; "is a known surname" or
 * "capitalised but not a known noun, nor a compound of one" carries over to them.
 *
 * <p>The lexicon is LanguageTool's {@code german-pos-dict} (Morfologik automaton, Maven Central).
 * Lookups are cached per thread: the lookup objects are not thread-safe, and news repeats words.
 */
public final class WordClasses {

    static final String DICTIONARY = "/org/languagetool/resource/de/german.dict";

    // Bits of the exact form.
    static final int KNOWN = 1, NOUN = 1 << 1, ADJECTIVE = 1 << 2, VERB = 1 << 3, FUNCTION = 1 << 4,
            PROPER = 1 << 5, FIRST_NAME = 1 << 6, SURNAME = 1 << 7, COUNTRY = 1 << 8, CITY = 1 << 9,
            REGION = 1 << 10, WATER_OR_MOUNTAIN = 1 << 11, PERSON_NAME = 1 << 12, ABBREVIATION = 1 << 13;
    // Bits of the form with a lower-case first letter, for capitalised words: "Russischen" at a
    // sentence's start is the adjective "russischen".
    static final int LOWER_KNOWN = 1 << 14, LOWER_ADJECTIVE = 1 << 15, LOWER_VERB = 1 << 16,
            LOWER_FUNCTION = 1 << 17;
    static final int UNKNOWN = 1 << 18;
    /**
     * An unknown capitalised word that ends in a known noun of four letters or more
     * ("Industriekreditbank", "Lukenschieberei"): most likely a common noun compound, which German
     * writes as one word, where an unknown word without such a head ("Spezstroi") more likely is a name.
     */
    static final int NOUN_COMPOUND = 1 << 19;
    static final int BITS = 20;

    private static final int CACHE_LIMIT = 200_000;

    private final Dictionary dictionary;
    private final ThreadLocal<DictionaryLookup> lookups;
    private final ThreadLocal<Map<String, Integer>> caches = ThreadLocal.withInitial(HashMap::new);

    private WordClasses(Dictionary dictionary) {
        this.dictionary = dictionary;
        this.lookups = ThreadLocal.withInitial(() -> new DictionaryLookup(dictionary));
    }

    public static WordClasses load() {
        URL url = WordClasses.class.getResource(DICTIONARY);
        if (url == null) {
            throw new IllegalStateException("German lexicon " + DICTIONARY + " missing from the classpath (german-pos-dict)");
        }
        try {
            return new WordClasses(Dictionary.read(url));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read German lexicon " + DICTIONARY, e);
        }
    }

    /** The word's classes as a bit set of the constants above. */
    public int of(String word) {
        Map<String, Integer> cache = caches.get();
        Integer known = cache.get(word);
        if (known != null) {
            return known;
        }
        int bits = classify(word);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(word, bits);
        return bits;
    }

    private int classify(String word) {
        if (word.isEmpty() || !Character.isLetter(word.charAt(0))) {
            return 0;
        }
        DictionaryLookup lookup = lookups.get();
        int bits = exact(lookup.lookup(word));
        if (Character.isUpperCase(word.charAt(0))) {
            String lower = Character.toLowerCase(word.charAt(0)) + word.substring(1);
            int l = exact(lookup.lookup(lower));
            if ((l & KNOWN) != 0) {
                bits |= LOWER_KNOWN;
                bits |= (l & ADJECTIVE) != 0 ? LOWER_ADJECTIVE : 0;
                bits |= (l & VERB) != 0 ? LOWER_VERB : 0;
                bits |= (l & FUNCTION) != 0 ? LOWER_FUNCTION : 0;
            }
        }
        if (bits == 0 && Character.isUpperCase(word.charAt(0)) && hasNounHead(lookup, word)) {
            return UNKNOWN | NOUN_COMPOUND;
        }
        return bits == 0 ? UNKNOWN : bits;
    }

    /** Whether the word ends in a known noun of four letters or more after a first part of three or more. */
    private static boolean hasNounHead(DictionaryLookup lookup, String word) {
        for (int from = 3; from <= word.length() - 4; from++) {
            if (!Character.isLowerCase(word.charAt(from))) {
                return false;
            }
            String head = Character.toUpperCase(word.charAt(from)) + word.substring(from + 1);
            if ((exact(lookup.lookup(head)) & NOUN) != 0) {
                return true;
            }
        }
        return false;
    }

    private static int exact(List<WordData> readings) {
        int bits = 0;
        for (WordData reading : readings) {
            CharSequence tag = reading.getTag();
            if (tag == null || tag.length() < 3) {
                continue;
            }
            bits |= KNOWN;
            String t = tag.toString();
            if (t.startsWith("SUB")) {
                bits |= NOUN;
            } else if (t.startsWith("ADJ") || t.startsWith("PA1") || t.startsWith("PA2")) {
                bits |= ADJECTIVE;
            } else if (t.startsWith("VER")) {
                bits |= VERB;
            } else if (t.startsWith("ABK")) {
                bits |= ABBREVIATION;
            } else if (t.startsWith("EIG")) {
                bits |= PROPER;
                if (t.endsWith(":VOR") || t.endsWith(":VOR*")) {
                    bits |= FIRST_NAME;
                } else if (t.endsWith(":NAC")) {
                    bits |= SURNAME;
                } else if (t.endsWith(":COU")) {
                    bits |= COUNTRY;
                } else if (t.endsWith(":STD")) {
                    bits |= CITY;
                } else if (t.endsWith(":GEB")) {
                    bits |= REGION;
                } else if (t.endsWith(":WAT") || t.endsWith(":MOU") || t.endsWith(":GEO")) {
                    bits |= WATER_OR_MOUNTAIN;
                } else if (t.endsWith(":PER")) {
                    bits |= PERSON_NAME;
                }
            } else {
                bits |= FUNCTION;
            }
        }
        return bits;
    }
}
