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
import org.apache.lucene.util.ByteBlockPool;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefHash;

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
 * {@code ArticleTermsTest} holds the two to each other. One per article; not thread-safe.
 */
final class ArticleTerms {

    /** The terms of one field, numbered in the order they first occur, and their occurrences in token order. */
    static final class Field {
        final String name;
        private final BytesRefHash terms;
        private int[] hashes;
        /** Per term: how often, its first and its last occurrence. */
        private int[] freq;
        private int[] first;
        private int[] last;
        /** Per occurrence: position, offsets, and the next occurrence of the same term (-1 for none). */
        private int[] positions;
        private int[] starts;
        private int[] ends;
        private int[] next;
        private int occurrences;
        private int tokens;
        private int lastPosition;
        private int lastOffset;

        private Field(String name, ByteBlockPool pool, int capacity, int chars) {
            this.name = name;
            this.terms = new BytesRefHash(pool, capacity, new BytesRefHash.DirectBytesStartArray(capacity));
            // The hash grows at half full: as many terms fit. Tokens, compound parts included, are about one per 5 characters.
            int terms = capacity / 2;
            int tokens = Math.max(16, chars / 4);
            hashes = new int[terms];
            freq = new int[terms];
            first = new int[terms];
            last = new int[terms];
            positions = new int[tokens];
            starts = new int[tokens];
            ends = new int[tokens];
            next = new int[tokens];
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
            return hashes[ord];
        }

        /** Where the term stands, in position order; {@link TermPlaces.Places#NONE} when the field lacks it. */
        TermPlaces.Places places(BytesRef term) {
            int ord = terms.find(term);
            if (ord < 0) {
                return TermPlaces.Places.NONE;
            }
            int n = freq[ord];
            int[] pos = new int[n];
            int[] start = new int[n];
            int[] end = new int[n];
            for (int i = 0, at = first[ord]; i < n; i++, at = next[at]) {
                pos[i] = positions[at];
                start[i] = starts[at];
                end[i] = ends[at];
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
                    int at = occurrences++;
                    if (at == positions.length) {
                        int size = at * 2;
                        positions = Arrays.copyOf(positions, size);
                        starts = Arrays.copyOf(starts, size);
                        ends = Arrays.copyOf(ends, size);
                        next = Arrays.copyOf(next, size);
                    }
                    positions[at] = pos;
                    starts[at] = offsets.startOffset() + offset;
                    ends[at] = offsets.endOffset() + offset;
                    next[at] = -1;
                    if (ord >= 0) {
                        if (ord == freq.length) {
                            int size = ord * 2;
                            hashes = Arrays.copyOf(hashes, size);
                            freq = Arrays.copyOf(freq, size);
                            first = Arrays.copyOf(first, size);
                            last = Arrays.copyOf(last, size);
                        }
                        hashes[ord] = bytes.hashCode();
                        freq[ord] = 1;
                        first[ord] = at;
                    } else {
                        ord = -ord - 1;
                        freq[ord]++;
                        next[last[ord]] = at;
                    }
                    last[ord] = at;
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

    private final ByteBlockPool pool = new ByteBlockPool(new ByteBlockPool.DirectAllocator());
    private final Map<String, Field> byName = new HashMap<>();
    private final List<Field> fields = new ArrayList<>();

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
        return f == null ? TermPlaces.Places.NONE : f.places(term);
    }
}
