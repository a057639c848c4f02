package io.newsalert.alert.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.util.BytesRef;

/**
 * Passes a reading's words through unchanged and collects its pairs of neighbouring words, "a b"
 * for a word a at one position and b at the next — every combination where a compound's parts
 * stand at the compound's position. An exact phrase can only be in a text that has all its
 * neighbouring pairs, so the matcher's presearcher indexes an exact phrase by its pairs
 * ({@link #pair}) instead of by its words: "die Regierung" is then a candidate only where those
 * two words stand side by side, not in every article with "Regierung".
 *
 * <p>The pairs are collected while the words are indexed (the filter ends the chain the index
 * reads), in their UTF-8 form: no second pass over the words, no strings per pair.
 */
public final class WordPairs extends TokenFilter {

    private static final byte SPACE = ' ';

    private final TermToBytesRefAttribute term = addAttribute(TermToBytesRefAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private final Set<BytesRef> pairs = new LinkedHashSet<>();
    private List<BytesRef> previous = new ArrayList<>();
    private List<BytesRef> current = new ArrayList<>();

    public WordPairs(TokenStream input) {
        super(input);
    }

    /** The indexed form of two neighbouring words; a space is never part of an analysed word. */
    public static String pair(String first, String second) {
        return first + ' ' + second;
    }

    /** The pairs of the words read so far, in order of first occurrence. */
    public Set<BytesRef> pairs() {
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
            previous = increment == 1 ? current : new ArrayList<>();
            current = new ArrayList<>();
        }
        BytesRef word = BytesRef.deepCopyOf(term.getBytesRef());
        current.add(word);
        for (BytesRef before : previous) {
            byte[] joined = new byte[before.length + 1 + word.length];
            System.arraycopy(before.bytes, before.offset, joined, 0, before.length);
            joined[before.length] = SPACE;
            System.arraycopy(word.bytes, word.offset, joined, before.length + 1, word.length);
            pairs.add(new BytesRef(joined));
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pairs.clear();
        previous = new ArrayList<>();
        current = new ArrayList<>();
    }
}
