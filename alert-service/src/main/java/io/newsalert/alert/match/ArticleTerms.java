package io.newsalert.alert.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.ByteBlockPool;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefHash;
import org.apache.lucene.util.Counter;

/**
 * One article's terms by field, each with its places (position, start and end offset), as the
 * matcher reads them on every article: the candidate index walks every distinct term of every
 * field, and {@link TermPlaces} looks up the places of the terms that candidates ask for. Neither
 * needs the terms sorted, a term dictionary or postings: those are what a {@code MemoryIndex}
 * builds, and building it (hash, slices, the sort at freeze) was a fifth of an article's matching
 * time. The few queries only Lucene can run get a {@code MemoryIndex} of the article as well.
 *
 * <p>Positions and offsets are counted exactly as {@code MemoryIndex.addField} counts them: a
 * field's first value starts at position -1 and offset 0, each further value at the last position
 * plus the position increment gap and the last end offset plus the offset gap.
 * {@code ArticleTermsTest} holds the two to each other. Used for one article at a time
 * ({@link #clear} between them); not thread-safe.
 */
final class ArticleTerms {

    /** The terms of one field, numbered in the order they first occur, and their occurrences in token order. */
    static final class Field {
        /** Per term, four ints side by side: its hash, how often it occurs, its first and its last occurrence. */
        private static final int HASH = 0, FREQ = 1, FIRST = 2, LAST = 3, TERM_INTS = 4;
        /** Per occurrence, four ints side by side: position, start and end offset, the term's next occurrence (-1 for none). */
        private static final int POSITION = 0, START = 1, END = 2, NEXT = 3, OCCURRENCE_INTS = 4;

        final String name;
        private final BytesRefHash terms;
        /** Whether the current article has a value of this field: a field kept from an earlier article may not. */
        private boolean inUse;
        private int[] byTerm;
        private int[] occurrences;
        private int occurrenceCount;
        private int tokens;
        private int lastPosition;
        private int lastOffset;

        private Field(String name, ByteBlockPool pool, int capacity, int chars) {
            this.name = name;
            this.terms = new BytesRefHash(pool, capacity, new KeptBytesStarts(capacity));
            // The hash grows at half full: as many terms fit. Tokens, compound parts included, are about one per 5 characters.
            byTerm = new int[capacity / 2 * TERM_INTS];
            occurrences = new int[Math.max(16, chars / 4) * OCCURRENCE_INTS];
        }

        /** Empties the field for the next article, keeping its arrays (the pool is reset by {@link ArticleTerms#clear}). */
        private void clear() {
            terms.clear(false);
            occurrenceCount = 0;
            tokens = 0;
            lastPosition = 0;
            lastOffset = 0;
            inUse = false;
        }

        /** How many distinct terms. */
        int size() {
            return terms.size();
        }

        /** The bytes of term {@code ord} (0 ≤ ord < {@link #size}), into {@code into}. */
        BytesRef term(int ord, BytesRef into) {
            return terms.get(ord, into);
        }

        /** {@link BytesRef#hashCode} of term {@code ord}, computed once as the term was first seen. */
        int hash(int ord) {
            return byTerm[ord * TERM_INTS + HASH];
        }

        /** Where the term stands, in position order; {@link TermPlaces.Places#NONE} when the field lacks it. */
        TermPlaces.Places places(BytesRef term) {
            int ord = terms.find(term);
            if (ord < 0) {
                return TermPlaces.Places.NONE;
            }
            int n = byTerm[ord * TERM_INTS + FREQ];
            int[] pos = new int[n];
            int[] start = new int[n];
            int[] end = new int[n];
            for (int i = 0, at = byTerm[ord * TERM_INTS + FIRST]; i < n; i++, at = occurrences[at + NEXT]) {
                pos[i] = occurrences[at + POSITION];
                start[i] = occurrences[at + START];
                end[i] = occurrences[at + END];
            }
            return new TermPlaces.Places(pos, start, end);
        }

        private void add(TokenStream tokens, int positionIncrementGap, int offsetGap) {
            int pos = -1;
            int offset = 0;
            if (this.tokens > 0) {
                pos = lastPosition + positionIncrementGap;
                offset = lastOffset + offsetGap;
            }
            try (TokenStream stream = tokens) {
                TermToBytesRefAttribute termAtt = stream.getAttribute(TermToBytesRefAttribute.class);
                PositionIncrementAttribute posInc = stream.addAttribute(PositionIncrementAttribute.class);
                OffsetAttribute offsets = stream.addAttribute(OffsetAttribute.class);
                stream.reset();
                while (stream.incrementToken()) {
                    this.tokens++;
                    pos += posInc.getPositionIncrement();
                    BytesRef bytes = termAtt.getBytesRef();
                    int ord = terms.add(bytes);
                    // Occurrences are addressed by their first int.
                    int at = occurrenceCount++ * OCCURRENCE_INTS;
                    if (at == occurrences.length) {
                        occurrences = Arrays.copyOf(occurrences, at * 2);
                    }
                    occurrences[at + POSITION] = pos;
                    occurrences[at + START] = offsets.startOffset() + offset;
                    occurrences[at + END] = offsets.endOffset() + offset;
                    occurrences[at + NEXT] = -1;
                    int t;
                    if (ord >= 0) {
                        t = ord * TERM_INTS;
                        if (t == byTerm.length) {
                            byTerm = Arrays.copyOf(byTerm, t * 2);
                        }
                        byTerm[t + HASH] = bytes.hashCode();
                        byTerm[t + FREQ] = 1;
                        byTerm[t + FIRST] = at;
                    } else {
                        t = (-ord - 1) * TERM_INTS;
                        byTerm[t + FREQ]++;
                        occurrences[byTerm[t + LAST] + NEXT] = at;
                    }
                    byTerm[t + LAST] = at;
                }
                stream.end();
                if (this.tokens > 0) {
                    lastPosition = pos;
                    lastOffset = offsets.endOffset() + offset;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("analysing an article's text in memory cannot fail on I/O", e);
            }
        }
    }

    /**
     * Keeps the term starts' array when the hash is cleared ({@code DirectBytesStartArray} drops it),
     * so that an {@link ArticleTerms} used for article after article allocates nothing once it has
     * grown to the articles' size.
     */
    private static final class KeptBytesStarts extends BytesRefHash.BytesStartArray {
        private final int initSize;
        private final Counter bytesUsed = Counter.newCounter();
        private int[] starts;

        KeptBytesStarts(int initSize) {
            this.initSize = initSize;
        }

        @Override
        public int[] init() {
            if (starts == null) {
                starts = new int[ArrayUtil.oversize(initSize, Integer.BYTES)];
            }
            return starts;
        }

        @Override
        public int[] grow() {
            return starts = ArrayUtil.grow(starts, starts.length + 1);
        }

        @Override
        public int[] clear() {
            return starts;
        }

        @Override
        public Counter bytesUsed() {
            return bytesUsed;
        }
    }

    private final ByteBlockPool pool = new ByteBlockPool(new ByteBlockPool.DirectAllocator());
    /** Every field this object has held, kept with its arrays for the next article; {@link #fields} are the current article's. */
    private final Map<String, Field> byName = new HashMap<>();
    private final List<Field> fields = new ArrayList<>();

    /**
     * Empties this for the next article. Its fields keep their arrays and the pool its first block:
     * allocating them afresh for every article (zeroed, then mostly unused) was a third of the bytes
     * matching an article allocated.
     */
    void clear() {
        for (Field f : fields) {
            f.clear();
        }
        fields.clear();
        pool.reset(false, true);
    }

    /**
     * Adds a value of the field, as {@code MemoryIndex.addField(name, tokens, positionIncrementGap, offsetGap)} would.
     * {@code chars}, the value's length, sizes a new field's term hash: a text of a few thousand
     * characters otherwise grows it (and rehashes every term) six times.
     */
    void add(String name, TokenStream tokens, int positionIncrementGap, int offsetGap, int chars) {
        Field field = byName.get(name);
        if (field == null) {
            // Distinct terms are rarely more than one per 4-6 characters, and the hash grows when half full.
            field = new Field(name, pool, Math.max(16, Integer.highestOneBit(Math.max(1, chars / 2))), chars);
            byName.put(name, field);
        }
        if (!field.inUse) {
            field.inUse = true;
            fields.add(field);
        }
        field.add(tokens, positionIncrementGap, offsetGap);
    }

    /** The fields, in the order they were first added. */
    List<Field> fields() {
        return fields;
    }

    /** Where the term stands in its field; {@link TermPlaces.Places#NONE} when the article lacks it. */
    TermPlaces.Places places(String field, BytesRef term) {
        Field f = byName.get(field);
        return f == null || !f.inUse ? TermPlaces.Places.NONE : f.places(term);
    }
}
