package io.newsalert.alert.analysis;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

/**
 * Passes a reading's words through unchanged and collects its pairs of neighbouring words, "a b"
 * for a word a at one position and b at the next — every combination where a compound's parts
 * stand at the compound's position. An exact phrase can only be in a text that has all its
 * neighbouring pairs, so the matcher's presearcher indexes an exact phrase by its pairs
 * ({@link #pair}) instead of by its words: "die Regierung" is then a candidate only where those
 * two words stand side by side, not in every article with "Regierung".
 *
 * <p>The pairs are collected while the words are indexed (the filter ends the chain the index
 * reads), in their UTF-8 form, into one buffer with each distinct pair's hash ({@link Pairs}): an
 * article has some 450 pairs, and an object, a set entry and a second hashing for each cost a
 * sixth of the presearcher's time.
 */
public final class WordPairs extends TokenFilter {

    private static final byte SPACE = ' ';

    private final TermToBytesRefAttribute term = addAttribute(TermToBytesRefAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private final Pairs pairs;
    private Words previous = new Words();
    private Words current = new Words();

    public WordPairs(TokenStream input) {
        this(input, 0);
    }

    /** With {@code chars}, the length of the text the words come from, sizing the pairs' buffers for it. */
    public WordPairs(TokenStream input, int chars) {
        this(input, new Pairs(chars));
    }

    /** Collecting into {@code pairs}, emptied when the stream is reset: one buffer for text after text. */
    public WordPairs(TokenStream input, Pairs pairs) {
        super(input);
        this.pairs = pairs;
    }

    /** The indexed form of two neighbouring words; a space is never part of an analysed word. */
    public static String pair(String first, String second) {
        return first + ' ' + second;
    }

    /** The distinct pairs of the words read so far, in order of first occurrence. */
    public Pairs pairs() {
        return pairs;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        int increment = posInc.getPositionIncrement();
        if (increment > 0) {
            // A gap (increment above 1) means the words are not neighbours: no pair across it.
            Words done = previous;
            previous = current;
            current = done;
            current.clear();
            if (increment > 1) {
                previous.clear();
            }
        }
        BytesRef word = term.getBytesRef();
        for (int i = 0; i < previous.count; i++) {
            pairs.add(previous.bytes, previous.starts[i], previous.lengths[i], word);
        }
        current.add(word);
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pairs.clear();
        previous.clear();
        current.clear();
    }

    /** The words at one position (a word, or a compound and its parts), copied into one buffer. */
    private static final class Words {
        byte[] bytes = new byte[64];
        int[] starts = new int[4];
        int[] lengths = new int[4];
        int used;
        int count;

        void clear() {
            used = 0;
            count = 0;
        }

        void add(BytesRef word) {
            if (used + word.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + word.length));
            }
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                lengths = Arrays.copyOf(lengths, count * 2);
            }
            System.arraycopy(word.bytes, word.offset, bytes, used, word.length);
            starts[count] = used;
            lengths[count++] = word.length;
            used += word.length;
        }
    }

    /**
     * Distinct word pairs in one byte buffer, each with its hash, which is {@link BytesRef#hashCode}
     * of its bytes: a table keyed by BytesRef finds a pair without hashing it again.
     */
    public static final class Pairs {
        private byte[] bytes;
        private int used;
        private int[] starts;
        private int[] lengths;
        private int[] hashes;
        private int size;
        /** Open addressing over the pairs: index + 1, 0 for an empty slot. */
        private int[] table;

        /** A text's pairs hold each word about twice, and there is about one pair per 5 characters (compound parts add some). */
        public Pairs(int chars) {
            int pairs = Math.max(64, chars / 4);
            bytes = new byte[Math.max(1024, chars * 2 + chars / 2)];
            starts = new int[pairs];
            lengths = new int[pairs];
            hashes = new int[pairs];
            table = new int[Integer.highestOneBit(pairs) * 4];
        }

        public int size() {
            return size;
        }

        /** Pair {@code i}'s hash: {@link BytesRef#hashCode} of {@link #get}'s bytes. */
        public int hash(int i) {
            return hashes[i];
        }

        /** Points {@code into} at pair {@code i}'s bytes (valid until the next article) and returns it. */
        public BytesRef get(int i, BytesRef into) {
            into.bytes = bytes;
            into.offset = starts[i];
            into.length = lengths[i];
            return into;
        }

        void clear() {
            used = 0;
            if (size > 0) {
                Arrays.fill(table, 0);
            }
            size = 0;
        }

        /** Adds "first second" unless it is there already. */
        void add(byte[] first, int firstStart, int firstLength, BytesRef second) {
            int length = firstLength + 1 + second.length;
            if (used + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + length));
            }
            System.arraycopy(first, firstStart, bytes, used, firstLength);
            bytes[used + firstLength] = SPACE;
            System.arraycopy(second.bytes, second.offset, bytes, used + firstLength + 1, second.length);
            int hash = StringHelper.murmurhash3_x86_32(bytes, used, length, StringHelper.GOOD_FAST_HASH_SEED);
            int mask = table.length - 1;
            int slot = hash & mask;
            for (int known = table[slot]; known != 0; known = table[slot]) {
                int k = known - 1;
                if (hashes[k] == hash && Arrays.equals(bytes, starts[k], starts[k] + lengths[k], bytes, used, used + length)) {
                    return;
                }
                slot = (slot + 1) & mask;
            }
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                lengths = Arrays.copyOf(lengths, size * 2);
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            starts[size] = used;
            lengths[size] = length;
            hashes[size] = hash;
            table[slot] = ++size;
            used += length;
            if (size * 2 > table.length) {
                rehash(table.length * 2);
            }
        }

        private void rehash(int capacity) {
            table = new int[capacity];
            int mask = capacity - 1;
            for (int k = 0; k < size; k++) {
                int slot = hashes[k] & mask;
                while (table[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = k + 1;
            }
        }
    }
}
