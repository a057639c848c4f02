package io.newsalert.alert.analysis;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Replaces the words of a text by its pairs of neighbouring words, "a b" for a word a at one
 * position and b at the next — every combination where a compound's parts stand at the
 * compound's position. An exact phrase can only be in a text that has all its neighbouring pairs,
 * so the matcher's presearcher indexes an exact phrase by its pairs ({@link #pair}) instead of by
 * its words: "die Regierung" is then a candidate only where those two words stand side by side,
 * not in every article with "Regierung".
 */
public final class WordPairsFilter extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private final Deque<String> pending = new ArrayDeque<>();
    private List<String> previous = new ArrayList<>();
    private List<String> current = new ArrayList<>();

    public WordPairsFilter(TokenStream input) {
        super(input);
    }

    /** The indexed form of two neighbouring words; a space is never part of an analysed word. */
    public static String pair(String first, String second) {
        return first + ' ' + second;
    }

    @Override
    public boolean incrementToken() throws IOException {
        while (pending.isEmpty()) {
            if (!input.incrementToken()) {
                return false;
            }
            String word = term.toString();
            int increment = posInc.getPositionIncrement();
            if (increment > 0) {
                // A gap (increment above 1) means the words are not neighbours: no pair across it.
                previous = increment == 1 ? current : new ArrayList<>();
                current = new ArrayList<>();
            }
            current.add(word);
            for (String before : previous) {
                pending.add(pair(before, word));
            }
        }
        term.setEmpty().append(pending.removeFirst());
        // Only which pairs occur matters: each is its own position.
        posInc.setPositionIncrement(1);
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending.clear();
        previous = new ArrayList<>();
        current = new ArrayList<>();
    }
}
