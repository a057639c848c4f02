package io.newsalert.alert.analysis;

import de.danielnaber.jwordsplitter.GermanWordSplitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Splits a German compound at its real parts ("Truppenabzug" → Truppen + abzug), with
 * jwordsplitter (Apache-2.0) in strict mode: a word is split only when every part is a word of
 * its lexicon of ~330,000 German words, and the Fugen-s is dropped ("Verteidigungsministerium" →
 * Verteidigung + ministerium). Strict splitting is what keeps "Scholz" whole: it is no compound,
 * so "Holz" never matches it, unlike a brute-force "any dictionary word inside" search.
 *
 * <p>Splitting costs tens of microseconds a word and news vocabulary repeats, so answers are
 * cached; the cache is bounded by dropping it whole when full (cheap, and it refills with the
 * frequent words at once).
 */
public final class CompoundSplitter {

    private static final int MIN_LENGTH = 7;
    private static final int MAX_LENGTH = 60;
    private static final int CACHE_LIMIT = 200_000;
    private static final CompoundSplitter GERMAN = new CompoundSplitter();

    private final GermanWordSplitter splitter;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    private CompoundSplitter() {
        try {
            splitter = new GermanWordSplitter(true);
            splitter.setStrictMode(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load jwordsplitter's German lexicon", e);
        }
    }

    /** The one German splitter: its lexicon takes ~10 MB, so it is loaded once per JVM. */
    public static CompoundSplitter german() {
        return GERMAN;
    }

    /** The parts of a compound (at least two), or an empty list when the word is not one. */
    public List<String> parts(String word) {
        if (word.length() < MIN_LENGTH || word.length() > MAX_LENGTH || !isLetters(word)) {
            return List.of();
        }
        List<String> parts = cache.get(word);
        if (parts == null) {
            parts = split(word);
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(word, parts);
        }
        return parts;
    }

    private List<String> split(String word) {
        List<String> parts;
        synchronized (splitter) {
            // jwordsplitter does not document thread safety; splits are cached, so this lock is rarely taken.
            parts = splitter.splitWord(word);
        }
        if (parts.size() < 2) {
            return List.of();
        }
        return List.copyOf(parts);
    }

    private static boolean isLetters(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (!Character.isLetter(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
