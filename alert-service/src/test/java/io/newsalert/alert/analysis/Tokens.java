package io.newsalert.alert.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/** A token stream written out for assertions: each token as {@code term@increment:start-end}. */
final class Tokens {

    private Tokens() {}

    /** The stream's tokens, and with {@code withEnd} its end state as {@code end@increment:finalOffset}. */
    static List<String> placed(TokenStream stream, boolean withEnd) throws IOException {
        List<String> out = new ArrayList<>();
        try (stream) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = stream.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term + "@" + inc.getPositionIncrement() + ":" + offset.startOffset() + "-" + offset.endOffset());
            }
            stream.end();
            if (withEnd) {
                out.add("end@" + inc.getPositionIncrement() + ":" + offset.endOffset());
            }
        }
        return out;
    }
}
