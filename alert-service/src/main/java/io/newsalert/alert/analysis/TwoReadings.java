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
 * A text's German reading ({@link Analysis#german} with compound parts) and its exact reading
 * ({@link Analysis#exact}) from one pass of the tokenizer: the words StandardTokenizer finds for
 * the German reading are recorded and replayed through the exact reading's filters. Both readings
 * start from the same tokenizer, so this is what the two analysers give, for the tokenizer's work
 * once (a sixth of indexing an article). {@link #exact} is read after {@link #german} has been.
 */
public final class TwoReadings {

    private final StandardTokenizer tokenizer = new StandardTokenizer();
    private final Recorder recorder;
    private final TokenStream german;
    private final TokenStream exact;

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
        exact = Analysis.exactFilters(new Replay(recorder));
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

    /** The exact reading of the words the German reading went through, as {@code Analysis.exact()} reads the text. */
    public TokenStream exact() {
        if (!recorder.ended) {
            throw new IllegalStateException("the exact reading replays the German one: read that first");
        }
        return exact;
    }

    /** Passes the tokenizer's words on and keeps each one's text, offsets and position increment. */
    private static final class Recorder extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
        private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
        char[] chars;
        int used;
        int[] starts;
        int[] lengths;
        int[] startOffsets;
        int[] endOffsets;
        int[] increments;
        int count;
        int finalOffset;
        int finalIncrement;
        boolean ended;

        /** Sized for a text of {@code length} characters: its words have fewer, and are about one per 6. */
        Recorder(TokenStream input, int length) {
            super(input);
            chars = new char[Math.max(16, length)];
            int words = Math.max(16, length / 5);
            starts = new int[words];
            lengths = new int[words];
            startOffsets = new int[words];
            endOffsets = new int[words];
            increments = new int[words];
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            if (count == starts.length) {
                int size = count * 2;
                starts = Arrays.copyOf(starts, size);
                lengths = Arrays.copyOf(lengths, size);
                startOffsets = Arrays.copyOf(startOffsets, size);
                endOffsets = Arrays.copyOf(endOffsets, size);
                increments = Arrays.copyOf(increments, size);
            }
            int length = term.length();
            if (used + length > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + length));
            }
            System.arraycopy(term.buffer(), 0, chars, used, length);
            starts[count] = used;
            lengths[count] = length;
            startOffsets[count] = offset.startOffset();
            endOffsets[count] = offset.endOffset();
            increments[count++] = posInc.getPositionIncrement();
            used += length;
            return true;
        }

        @Override
        public void end() throws IOException {
            super.end();
            finalOffset = offset.endOffset();
            finalIncrement = posInc.getPositionIncrement();
            ended = true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            used = 0;
            count = 0;
            ended = false;
        }
    }

    /** The recorded words again, as the tokenizer gave them. */
    private static final class Replay extends TokenStream {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
        private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
        private final Recorder words;
        private int next;

        Replay(Recorder words) {
            this.words = words;
        }

        @Override
        public boolean incrementToken() {
            if (next == words.count) {
                return false;
            }
            clearAttributes();
            int i = next++;
            term.copyBuffer(words.chars, words.starts[i], words.lengths[i]);
            offset.setOffset(words.startOffsets[i], words.endOffsets[i]);
            posInc.setPositionIncrement(words.increments[i]);
            return true;
        }

        @Override
        public void end() throws IOException {
            super.end();
            offset.setOffset(words.finalOffset, words.finalOffset);
            posInc.setPositionIncrement(words.finalIncrement);
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            next = 0;
        }
    }
}
