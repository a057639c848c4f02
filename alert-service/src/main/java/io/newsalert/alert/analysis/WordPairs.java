package io.newsalert.alert.analysis;

import org.apache.lucene.util.BytesRef;

/**
 * Pairs of neighbouring words, "a b" for a word a at one position and b at the next. An exact
 * phrase can only be in a text that has all its neighbouring pairs, so the matcher's presearcher
 * indexes an exact phrase by its pairs ({@link #pair}) instead of by its words: "die Regierung" is
 * then a candidate only where those two words stand side by side, not in every article with
 * "Regierung". The article's side collects its pairs as it reads its words (the matcher's
 * {@code ArticleTerms}).
 *
 * <p>A pair is found by {@link #hash}, made from its two words' hashes, so that an article's some
 * 450 pairs need not be copied into bytes and hashed byte by byte to be looked up: that was a sixth
 * of reading an article.
 */
public final class WordPairs {

    /** Between a pair's two words; a space is never part of an analysed word (StandardTokenizer splits at it). */
    public static final byte SEPARATOR = ' ';

    private WordPairs() {}

    /** The indexed form of two neighbouring words. */
    public static String pair(String first, String second) {
        return first + (char) SEPARATOR + second;
    }

    /** A pair's hash from its words' {@link BytesRef#hashCode}s: murmur3's finalizer over the two. */
    public static int hash(int firstHash, int secondHash) {
        int h = firstHash * 0x9E3779B1 + secondHash;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ h >>> 16;
    }

    /** The hash of a pair's bytes ("first second", as {@link #pair} makes them), as {@link #hash(int, int)} gives it. */
    public static int hash(BytesRef pair) {
        int end = pair.offset + pair.length;
        for (int i = pair.offset; i < end; i++) {
            if (pair.bytes[i] == SEPARATOR) {
                return hash(new BytesRef(pair.bytes, pair.offset, i - pair.offset).hashCode(),
                        new BytesRef(pair.bytes, i + 1, end - i - 1).hashCode());
            }
        }
        throw new IllegalArgumentException("not a word pair: '" + pair.utf8ToString() + "'");
    }
}
