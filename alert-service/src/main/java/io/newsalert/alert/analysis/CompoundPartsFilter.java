package io.newsalert.alert.analysis;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Keeps every word and adds the parts of a compound at the same position and with the compound's
 * offsets, so "Truppenaufmarsch" is found by "Aufmarsch" and a match still points at the whole
 * word in the text. Goes before lower-casing: the splitter's lexicon knows nouns by their capital.
 */
public final class CompoundPartsFilter extends TokenFilter {

    public static final String PART_TYPE = "<COMPOUND_PART>";

    private final CompoundSplitter splitter;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);
    private final Deque<String> pending = new ArrayDeque<>();
    private State compound;

    public CompoundPartsFilter(TokenStream input, CompoundSplitter splitter) {
        super(input);
        this.splitter = splitter;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!pending.isEmpty()) {
            restoreState(compound);
            term.setEmpty().append(pending.removeFirst());
            posInc.setPositionIncrement(0);
            type.setType(PART_TYPE);
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        var parts = splitter.parts(term.buffer(), term.length());
        if (!parts.isEmpty()) {
            pending.addAll(parts);
            compound = captureState();
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending.clear();
        compound = null;
    }
}
