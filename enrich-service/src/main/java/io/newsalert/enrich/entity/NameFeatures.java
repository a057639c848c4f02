package io.newsalert.enrich.entity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The features of every token of a sentence, as 32-bit hashes (the model folds them into its
 * weight table). Hashes are computed from the characters directly, never from concatenated
 * strings, so that tagging allocates almost nothing per token.
 *
 * <p>Per token: the word lower-cased and as written, its shape ("Xx", "X", "Xx-Xx", "d"), prefixes
 * and suffixes of 1–4 letters, capitalisation with the sentence-start flag, the neighbouring words
 * (±2), shapes and suffixes (±1), word bigrams, the parts of a hyphenated compound
 * ("deutsch-französischen", "NATO-Gipfel"), the lexicon's word classes ({@link WordClasses}: known
 * noun, adjective, first name, surname, country, city, unknown compound of a known noun …) of the
 * word and its neighbours, and whether the gazetteer knows the word sequence as a person,
 * organisation or place.
 *
 * <p>Not thread-safe: one instance per thread (it keeps its buffers).
 */
final class NameFeatures {

    /** Upper bound of features per token. */
    static final int MAX = 80;

    private final WordClasses lexicon;
    private final Map<String, List<GazetteerName>> gazetteer;

    /** A gazetteer variant as words, with its type's ordinal + 1. */
    record GazetteerName(String[] words, int type) {}

    // Per-token values of the current sentence; grown as needed.
    private int capacity;
    private int[] lower, exact, shape, suffix3, lexical, gazetteerTag, quoted;
    /**
     * Features of the current sentence: token i's are at [i * MAX, i * MAX + counts[i]), the first
     * localCounts[i] of them from the word alone.
     */
    int[] features = new int[0];
    int[] counts = new int[0];
    int[] localCounts = new int[0];

    NameFeatures(WordClasses lexicon, Map<String, List<GazetteerName>> gazetteer) {
        this.lexicon = lexicon;
        this.gazetteer = gazetteer;
    }

    /** Gazetteer variants that may appear in text, indexed by first word. */
    static Map<String, List<GazetteerName>> index(Gazetteer gazetteer) {
        Map<String, List<GazetteerName>> byFirst = new HashMap<>();
        gazetteer.textVariants().forEach((variant, entry) -> {
            String[] words = variant.split(" ");
            byFirst.computeIfAbsent(words[0], k -> new ArrayList<>())
                    .add(new GazetteerName(words, entry.type().ordinal() + 1));
        });
        // Longest first: "Vereinigte Staaten von Amerika" before "Vereinigte Staaten".
        byFirst.values().forEach(l -> l.sort((a, b) -> b.words().length - a.words().length));
        return byFirst;
    }

    /** Computes the features of a sentence's tokens into {@link #features} and {@link #counts}. */
    void compute(String[] words) {
        int n = words.length;
        ensure(n);
        for (int i = 0; i < n; i++) {
            String w = words[i];
            lower[i] = hash(w, 0, w.length(), true);
            exact[i] = hash(w, 0, w.length(), false);
            shape[i] = shape(w);
            suffix3[i] = hash(w, Math.max(0, w.length() - 3), w.length(), true);
            lexical[i] = lexicon.of(w);
        }
        markGazetteerNames(words);
        markQuotations(words);
        for (int i = 0; i < n; i++) {
            tokenFeatures(words, i);
        }
    }

    private void tokenFeatures(String[] words, int i) {
        int n = words.length;
        int base = i * MAX;
        int k = base;
        String w = words[i];
        int len = w.length();
        int[] f = features;
        // The word's own features first: their sum depends on the word alone and is cached by the model.
        f[k++] = 0x5bd1e995; // bias
        f[k++] = combine(1, lower[i]);
        f[k++] = combine(2, exact[i]);
        f[k++] = combine(3, shape[i]);
        for (int p = 1; p <= 4 && p <= len; p++) {
            f[k++] = combine(4 + p, hash(w, 0, p, true));
            f[k++] = combine(8 + p, hash(w, len - p, len, true));
        }
        for (int p = 5; p <= 6 && p < len; p++) {
            f[k++] = combine(60 + p, hash(w, len - p, len, true));
        }
        f[k++] = combine(25, Math.min(len, 12));
        int hyphen = w.indexOf('-');
        if (hyphen > 0 && hyphen < len - 1) {
            int last = w.lastIndexOf('-') + 1;
            f[k++] = combine(26, hash(w, 0, hyphen, true));
            f[k++] = combine(27, hash(w, last, len, true));
            f[k++] = combine(28, hash(w, Math.max(last, len - 4), len, true));
            f[k++] = combine(29, lexicon.of(w.substring(0, hyphen)));
            f[k++] = combine(30, shape(w.substring(0, hyphen)));
        }
        int lex = lexical[i];
        f[k++] = combine(31, lex);
        for (int b = 0; b < WordClasses.BITS; b++) {
            if ((lex & (1 << b)) != 0) {
                f[k++] = combine(40 + b, 1);
            }
        }
        localCounts[i] = k - base;

        // Context: neighbours, sentence start, gazetteer matches, quotation.
        int prevLower = i > 0 ? lower[i - 1] : 0x1111;
        int nextLower = i + 1 < n ? lower[i + 1] : 0x2222;
        f[k++] = combine(13, prevLower);
        f[k++] = combine(14, nextLower);
        f[k++] = combine(15, i > 1 ? lower[i - 2] : 0x1111);
        f[k++] = combine(16, i + 2 < n ? lower[i + 2] : 0x2222);
        int prevShape = i > 0 ? shape[i - 1] : 0x1111;
        int nextShape = i + 1 < n ? shape[i + 1] : 0x2222;
        f[k++] = combine(17, prevShape);
        f[k++] = combine(18, nextShape);
        f[k++] = combine(19, prevLower * 31 + lower[i]);
        f[k++] = combine(20, lower[i] * 31 + nextLower);
        f[k++] = combine(21, i > 0 ? suffix3[i - 1] : 0x1111);
        f[k++] = combine(22, i + 1 < n ? suffix3[i + 1] : 0x2222);
        int start = i == 0 ? 1 : 0;
        f[k++] = combine(23, capitalisation(w) * 2 + start);
        f[k++] = combine(24, (prevShape * 31 + shape[i]) * 31 + nextShape);
        f[k++] = combine(32, lex * 8 + capitalisation(w) * 2 + start);
        int prevLex = i > 0 ? lexical[i - 1] : -1;
        int nextLex = i + 1 < n ? lexical[i + 1] : -1;
        f[k++] = combine(33, prevLex);
        f[k++] = combine(34, nextLex);
        f[k++] = combine(67, prevLex * 31 + lex);
        f[k++] = combine(68, lex * 31 + nextLex);
        f[k++] = combine(69, i > 1 ? lexical[i - 2] : -1);
        f[k++] = combine(70, i + 2 < n ? lexical[i + 2] : -1);
        f[k++] = combine(35, gazetteerTag[i]);
        f[k++] = combine(36, i > 0 ? gazetteerTag[i - 1] : -1);
        f[k++] = combine(37, i + 1 < n ? gazetteerTag[i + 1] : -1);
        f[k++] = combine(38, gazetteerTag[i] * 31 + lower[i]);
        f[k++] = combine(71, quoted[i]);
        f[k++] = combine(72, i > 0 ? exact[i - 1] : 0x1111);
        f[k++] = combine(73, lower[i] * 31 + nextShape);
        counts[i] = k - base;
    }

    /** For each token: 0, or the gazetteer type (ordinal + 1) times 2, plus 1 inside a name past its first word. */
    private void markGazetteerNames(String[] words) {
        int n = words.length;
        Arrays.fill(gazetteerTag, 0, n, 0);
        for (int i = 0; i < n; i++) {
            String w = words[i];
            List<GazetteerName> candidates = gazetteer.get(w);
            if (candidates == null) {
                String stem = EntityExtraction.genitiveStem(w);
                candidates = stem == null ? null : gazetteer.get(stem);
                if (candidates != null && !candidates.isEmpty() && candidates.get(candidates.size() - 1).words().length == 1) {
                    gazetteerTag[i] = candidates.get(candidates.size() - 1).type() * 2;
                }
                int hyphen = w.indexOf('-');
                if (gazetteerTag[i] == 0 && hyphen > 0) {
                    List<GazetteerName> heads = gazetteer.get(w.substring(0, hyphen));
                    if (heads != null && heads.get(heads.size() - 1).words().length == 1) {
                        gazetteerTag[i] = 20 + heads.get(heads.size() - 1).type();
                    }
                }
                continue;
            }
            for (GazetteerName name : candidates) {
                if (matches(words, i, name.words())) {
                    gazetteerTag[i] = name.type() * 2;
                    for (int j = 1; j < name.words().length; j++) {
                        gazetteerTag[i + j] = name.type() * 2 + 1;
                    }
                    i += name.words().length - 1;
                    break;
                }
            }
        }
    }

    /** Titles of works are often quoted: 1 inside quotation marks, 0 outside. */
    private void markQuotations(String[] words) {
        boolean inside = false;
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            boolean quote = w.length() == 1 && "\"„“”»«‚‘'".indexOf(w.charAt(0)) >= 0;
            if (quote) {
                inside = !inside;
                quoted[i] = 2;
            } else {
                quoted[i] = inside ? 1 : 0;
            }
        }
    }

    private static boolean matches(String[] words, int i, String[] name) {
        if (i + name.length > words.length) {
            return false;
        }
        for (int j = 1; j < name.length; j++) {
            String w = words[i + j];
            if (!w.equals(name[j]) && !(j == name.length - 1 && name[j].equals(EntityExtraction.genitiveStem(w)))) {
                return false;
            }
        }
        return true;
    }

    private void ensure(int n) {
        if (n <= capacity) {
            return;
        }
        capacity = Math.max(n, capacity * 2);
        lower = new int[capacity];
        exact = new int[capacity];
        shape = new int[capacity];
        suffix3 = new int[capacity];
        lexical = new int[capacity];
        gazetteerTag = new int[capacity];
        quoted = new int[capacity];
        features = new int[capacity * MAX];
        counts = new int[capacity];
        localCounts = new int[capacity];
    }

    /** 0 lower-case, 1 capitalised, 2 all capitals, 3 anything else (digits, punctuation). */
    private static int capitalisation(String w) {
        char c = w.charAt(0);
        if (Character.isLowerCase(c)) {
            return 0;
        }
        if (!Character.isUpperCase(c)) {
            return 3;
        }
        for (int i = 1; i < w.length(); i++) {
            if (Character.isLowerCase(w.charAt(i))) {
                return 1;
            }
        }
        return w.length() > 1 ? 2 : 1;
    }

    /** The word's shape with runs collapsed: "Putin" → "Xx", "NATO-Gipfel" → "X-Xx", "G20" → "Xd". */
    static int shape(String w) {
        int h = 0x811c9dc5;
        char previous = 0;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            char s = Character.isUpperCase(c) ? 'X' : Character.isLowerCase(c) ? 'x' : Character.isDigit(c) ? 'd'
                    : Character.isLetter(c) ? 'x' : c;
            if (s != previous) {
                h = (h ^ s) * 0x01000193;
                previous = s;
            }
        }
        return h;
    }

    /** FNV-1a over characters [from, to), optionally lower-cased. */
    static int hash(String s, int from, int to, boolean lowerCase) {
        int h = 0x811c9dc5;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            h = (h ^ (lowerCase ? Character.toLowerCase(c) : c)) * 0x01000193;
        }
        return h;
    }

    /** A template's feature from a value: mixed so that templates do not share buckets. */
    static int combine(int template, int value) {
        int h = value * 0x9E3779B1 + template * 0x85EBCA77;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }
}
