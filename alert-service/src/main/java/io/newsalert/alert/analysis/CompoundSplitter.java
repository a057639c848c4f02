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
     * One thread's answers for the words it met lately: {@value #RECENT_WORDS} slots in pairs, a
     * word's pair chosen by its hash, the word met last in the pair's first slot and the one before
     * it in the second. Beside the answers, each slot's hash: a word is compared only with an answer
     * of its hash, so a word not in the table costs one read of the hashes, not of two answers far
     * from the CPU. Each answer is one array ({@link Parts}). About 0.8 MB when full.
     */
    static final class RecentWords {
        final int[] hashes = new int[RECENT_WORDS];
        final char[][] answers = new char[RECENT_WORDS][];

        /** The first slot of the hash's pair (even; the second is the next one). */
        private static int pairOf(int hash) {
            return (hash ^ hash >>> 13) & (RECENT_WORDS - 2);
        }

        char[] find(int hash, char[] word, int length) {
            int slot = pairOf(hash);
            char[] known;
            if (hashes[slot] == hash && (known = answers[slot]) != null && Parts.isFor(known, word, length)) {
                return known;
            }
            if (hashes[slot + 1] == hash && (known = answers[slot + 1]) != null && Parts.isFor(known, word, length)) {
                // Met again: it moves to the first slot, the other one to the second.
                answers[slot + 1] = answers[slot];
                hashes[slot + 1] = hashes[slot];
                answers[slot] = known;
                hashes[slot] = hash;
                return known;
            }
            return null;
        }

        /** The new answer takes the first slot of its pair, the one there the second, and the second one goes. */
        void put(int hash, char[] answer) {
            int slot = pairOf(hash);
            answers[slot + 1] = answers[slot];
            hashes[slot + 1] = hashes[slot];
            answers[slot] = answer;
            hashes[slot] = hash;
        }
    }

    /**
     * 16k slots. Of the words that may be split, they answer 0.59 on one pass over all 617 10kGNAD
     * articles from an empty table (one slot per hash: 0.55; 4k such slots: 0.40). The matcher
     * benchmark reads its 309 articles again and again and sees 0.74: it flatters a bigger table
     * (32k: 0.63 on the one pass, 0.89 in the benchmark), so the table is not made bigger for it.
     */
    static final int RECENT_WORDS = 16384;

    /**
     * A word's parts, packed into one array as the per-thread table keeps them:
     * {@code [word length, number of parts, each part's length…, the word…, the parts…]}. A word
     * that is not a compound has no parts.
     */
    static final class Parts {
        private Parts() {}

        static int count(char[] answer) {
            return answer[1];
        }

        static int length(char[] answer, int part) {
            return answer[2 + part];
        }

        /** Where the characters of the first part start; each next part follows the one before. */
        static int firstStart(char[] answer) {
            return 2 + answer[1] + answer[0];
        }

        static char[] of(char[] word, int length, List<String> parts) {
            int chars = 0;
            for (String p : parts) {
                chars += p.length();
            }
            char[] answer = new char[2 + parts.size() + length + chars];
            answer[0] = (char) length;
            answer[1] = (char) parts.size();
            System.arraycopy(word, 0, answer, 2 + parts.size(), length);
            int at = 2 + parts.size() + length;
            for (int i = 0; i < parts.size(); i++) {
                String p = parts.get(i);
                answer[2 + i] = (char) p.length();
                p.getChars(0, p.length(), answer, at);
                at += p.length();
            }
            return answer;
        }

        static boolean isFor(char[] answer, char[] word, int length) {
            int from = 2 + answer[1];
            return answer[0] == length && Arrays.equals(answer, from, from + length, word, 0, length);
        }
    }

    /** The answer for a word that is never split. */
    private static final char[] NO_PARTS = {0, 0};

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

    /**
     * The parts of the word in {@code buffer[0, length)} (a token's characters), as
     * {@link #parts(String)} gives them, packed as {@link Parts} reads them.
     */
    char[] parts(char[] buffer, int length) {
        return parts(buffer, length, recentWords());
    }

    /** This thread's table of recent answers, for {@link #parts(char[], int, RecentWords)}: a token stream takes it once per text. */
    RecentWords recentWords() {
        return recentWords.get();
    }

    /** As {@link #parts(char[], int)}, with the calling thread's {@link #recentWords}. */
    char[] parts(char[] buffer, int length, RecentWords recent) {
        if (!splitsWordsOf(length)) {
            return NO_PARTS;
        }
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + buffer[i];
        }
        char[] known = recent.find(hash, buffer, length);
        if (known != null) {
            return known;
        }
        char[] answer = Parts.of(buffer, length, parts(new String(buffer, 0, length)));
        recent.put(hash, answer);
        return answer;
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
