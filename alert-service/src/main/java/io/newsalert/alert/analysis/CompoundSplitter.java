package io.newsalert.alert.analysis;

import de.danielnaber.jwordsplitter.GermanWordSplitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
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
 * cached, bounded by two generations (see {@link #recent}). In front of that cache each thread
 * keeps the answers for the words it met lately by their characters ({@link RecentWords}): an article's
 * common words are answered without making a string of them or reading the shared cache, whose
 * hundred thousand entries are far from the CPU cache (those lookups were 5 % of matching an article).
 */
public final class CompoundSplitter {

    private static final int MIN_LENGTH = 7;
    private static final int MAX_LENGTH = 60;
    private static final int CACHE_LIMIT = 200_000;
    private static final CompoundSplitter GERMAN = new CompoundSplitter();

    private final GermanWordSplitter splitter;
    /**
     * The answers, in two generations: when the recent one is full it becomes the older one, and
     * a word found there moves back. The words still in use survive the turn-over, where dropping
     * one whole cache made every article re-split all its words for a while (tens of µs each).
     */
    private volatile Map<String, List<String>> recent = new ConcurrentHashMap<>();
    private volatile Map<String, List<String>> older = new ConcurrentHashMap<>();
    private final ThreadLocal<RecentWords> recentWords = ThreadLocal.withInitial(RecentWords::new);

    /**
     * One thread's answers for the words it met lately: a table of {@value #RECENT_WORDS} slots by the
     * word's hash, a newer word taking the slot of an older one. Small enough (~200 KB when full)
     * to stay near the CPU, which the shared cache is not.
     */
    private static final class RecentWords {
        final char[][] words = new char[RECENT_WORDS][];
        @SuppressWarnings("unchecked")
        final List<String>[] parts = new List[RECENT_WORDS];
    }

    private static final int RECENT_WORDS = 4096;

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

    /** Whether a word of this many characters may be split at all: shorter and longer ones never are. */
    static boolean splitsWordsOf(int length) {
        return length >= MIN_LENGTH && length <= MAX_LENGTH;
    }

    /** As {@link #parts(String)}, for the word in {@code buffer[0, length)} (a token's characters). */
    public List<String> parts(char[] buffer, int length) {
        if (!splitsWordsOf(length)) {
            return List.of();
        }
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + buffer[i];
        }
        int slot = (hash ^ hash >>> 12) & (RECENT_WORDS - 1);
        RecentWords mine = recentWords.get();
        char[] known = mine.words[slot];
        if (known != null && Arrays.equals(known, 0, known.length, buffer, 0, length)) {
            return mine.parts[slot];
        }
        List<String> parts = parts(new String(buffer, 0, length));
        mine.words[slot] = Arrays.copyOf(buffer, length);
        mine.parts[slot] = parts;
        return parts;
    }

    /** The parts of a compound (at least two), or an empty list when the word is not one. */
    public List<String> parts(String word) {
        if (!splitsWordsOf(word.length()) || !isLetters(word)) {
            return List.of();
        }
        List<String> parts = recent.get(word);
        if (parts != null) {
            return parts;
        }
        parts = older.get(word);
        if (parts == null) {
            parts = split(word);
        }
        remember(word, parts);
        return parts;
    }

    private void remember(String word, List<String> parts) {
        Map<String, List<String>> now = recent;
        if (now.size() >= CACHE_LIMIT / 2) {
            synchronized (this) {
                if (recent == now) {
                    older = now;
                    recent = now = new ConcurrentHashMap<>();
                }
            }
        }
        now.put(word, parts);
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
