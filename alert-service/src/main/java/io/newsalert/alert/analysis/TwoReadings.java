package io.newsalert.alert.analysis;

import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * A text's German reading ({@link Analysis#german} with compound parts) and the words for its
 * exact reading ({@link Analysis#exact}) from one pass of the tokenizer: the words StandardTokenizer
 * finds for the German reading are recorded ({@link #words}), and the exact reading is those words
 * lower-cased, which is all {@link Analysis#exactFilters} does. Both readings start from the same
 * tokenizer, so this is what the two analysers give, for the tokenizer's work once (a sixth of
 * indexing an article); the matcher lower-cases the words itself, without a second token stream
 * (replaying them through one cost as much as the tokenizer). {@link #words} are read after
 * {@link #german} has been.
 */
public final class TwoReadings {

    private final StandardTokenizer tokenizer = new StandardTokenizer();
    private final Recorder recorder;
    private final TokenStream german;

    public TwoReadings(String text) {
        this(text.length());
        read(text);
    }

    /**
     * Two readings to be used for text after text ({@link #read}), as an analyser reuses its
     * components: the tokenizer, the filters and the recorded words' arrays are made once.
     * {@code length}: the length of the texts expected, which sizes the arrays (they grow as needed).
     */
    public TwoReadings(int length) {
        recorder = new Recorder(tokenizer, length);
        german = Analysis.germanFilters(recorder, true);
    }

    /**
     * Starts on the next text. The readings of the text before must have been closed, as a reader
     * of a token stream does ({@code try (TokenStream s = …)}).
     */
    public TwoReadings read(String text) {
        tokenizer.setReader(new StringReader(text));
        return this;
    }

    /** The German reading, as {@code Analysis.german(true)} reads the text. */
    public TokenStream german() {
        return german;
    }

    /** The words the German reading went through, as the tokenizer gave them; valid until the next {@link #read}. */
    public Words words() {
        if (!recorder.ended) {
            throw new IllegalStateException("the words are recorded by the German reading: read that first");
        }
        return recorder.words;
    }

    /** Words as StandardTokenizer gave them: each one's characters, offsets and position increment, and the end's offset. */
    public static final class Words {
        private char[] chars;
        private int[] starts;
        private int[] lengths;
        private int[] startOffsets;
        private int[] endOffsets;
        private int[] increments;
        private int count;
        private int finalOffset;

        public int count() {
            return count;
        }

        /** The characters all words are in; word {@code i}'s are {@code [start(i), start(i) + length(i))}. */
        public char[] chars() {
            return chars;
        }

        public int start(int i) {
            return starts[i];
        }

        public int length(int i) {
            return lengths[i];
        }

        public int startOffset(int i) {
            return startOffsets[i];
        }

        public int endOffset(int i) {
            return endOffsets[i];
        }

        public int increment(int i) {
            return increments[i];
        }

        /** The offset the tokenizer ended at (the text's length). */
        public int finalOffset() {
            return finalOffset;
        }
    }

    /** Passes the tokenizer's words on and keeps each one's text, offsets and position increment. */
    private static final class Recorder extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
        private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
        final Words words = new Words();
        private int used;
        boolean ended;

        /** Sized for a text of {@code length} characters: its words have fewer, and are about one per 6. */
        Recorder(TokenStream input, int length) {
            super(input);
            Words w = words;
            w.chars = new char[Math.max(16, length)];
            int count = Math.max(16, length / 5);
            w.starts = new int[count];
            w.lengths = new int[count];
            w.startOffsets = new int[count];
            w.endOffsets = new int[count];
            w.increments = new int[count];
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            Words w = words;
            int count = w.count;
            if (count == w.starts.length) {
                int size = count * 2;
                w.starts = Arrays.copyOf(w.starts, size);
                w.lengths = Arrays.copyOf(w.lengths, size);
                w.startOffsets = Arrays.copyOf(w.startOffsets, size);
                w.endOffsets = Arrays.copyOf(w.endOffsets, size);
                w.increments = Arrays.copyOf(w.increments, size);
            }
            int length = term.length();
            if (used + length > w.chars.length) {
                w.chars = Arrays.copyOf(w.chars, Math.max(w.chars.length * 2, used + length));
            }
            System.arraycopy(term.buffer(), 0, w.chars, used, length);
            w.starts[count] = used;
            w.lengths[count] = length;
            w.startOffsets[count] = offset.startOffset();
            w.endOffsets[count] = offset.endOffset();
            w.increments[count] = posInc.getPositionIncrement();
            w.count = count + 1;
            used += length;
            return true;
        }

        @Override
        public void end() throws IOException {
            super.end();
            words.finalOffset = offset.endOffset();
            ended = true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            used = 0;
            words.count = 0;
            ended = false;
        }
    }
}
