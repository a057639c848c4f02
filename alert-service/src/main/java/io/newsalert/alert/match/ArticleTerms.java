package io.newsalert.alert.match;

import io.newsalert.alert.analysis.Analysis;
import io.newsalert.alert.analysis.ArticleSchema;
import io.newsalert.alert.analysis.TwoReadings;
import io.newsalert.alert.analysis.WordPairs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.CharacterUtils;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;

/**
 * One article's terms by field, each with its places (position, start and end offset), as the
 * matcher reads them on every article: the candidate index walks every distinct term of every
 * field, and {@link TermPlaces} looks up the places of the terms that candidates ask for. Neither
 * needs the terms sorted, a term dictionary or postings: those are what a {@code MemoryIndex}
 * builds, and building it (hash, slices, the sort at freeze) was a fifth of an article's matching
 * time. The few queries only Lucene can run get a {@code MemoryIndex} of the article as well.
 * Each field's terms are in a table of their own that keeps each term's hash: a term is hashed
 * once, where Lucene's {@code BytesRefHash} hashed it again to grow, and the candidate index reads
 * the hash that was kept.
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
        /** Per term, six ints side by side: its hash, how often it occurs, its first and last occurrence, where its bytes start and their length. */
        private static final int HASH = 0, FREQ = 1, FIRST = 2, LAST = 3, BYTES_START = 4, BYTES_LENGTH = 5, TERM_INTS = 6;
        /** Per occurrence, four ints side by side: position, start and end offset, the term's next occurrence (-1 for none). */
        private static final int POSITION = 0, START = 1, END = 2, NEXT = 3, OCCURRENCE_INTS = 4;

        final String name;
        /** Whether the current article has a value of this field: a field kept from an earlier article may not. */
        private boolean inUse;
        /** The terms' bytes, one after the other. */
        private byte[] bytes;
        private int bytesUsed;
        /** The terms by their hash. */
        private final Slots slots;
        private int size;
        private int[] byTerm;
        private int[] occurrences;
        private int occurrenceCount;
        private int tokens;
        private int lastPosition;
        private int lastOffset;
        /** The field's word pairs, for a text field read by language (null for the others), and the field the index has them in. */
        private final Pairs pairs;
        final String pairsField;

        private Field(String name, int chars, boolean withPairs) {
            this.name = name;
            // Distinct terms are rarely more than one per 4-6 characters, and the table grows when half full.
            slots = new Slots(Math.max(32, Integer.highestOneBit(Math.max(1, chars / 2))));
            byTerm = new int[slots.capacity() / 2 * TERM_INTS];
            bytes = new byte[Math.max(64, chars)];
            // Tokens, compound parts included, are about one per 5 characters.
            occurrences = new int[Math.max(16, chars / 4) * OCCURRENCE_INTS];
            pairs = withPairs ? new Pairs(chars) : null;
            pairsField = withPairs ? ArticleSchema.pairsField(name) : null;
        }

        /** Empties the field for the next article, keeping its arrays. */
        private void clear() {
            slots.clear();
            size = 0;
            bytesUsed = 0;
            occurrenceCount = 0;
            tokens = 0;
            lastPosition = 0;
            lastOffset = 0;
            inUse = false;
            if (pairs != null) {
                pairs.clear();
            }
        }

        /** How many distinct terms. */
        int size() {
            return size;
        }

        /** Points {@code into} at the bytes of term {@code ord} (0 ≤ ord < {@link #size}; valid until the next article) and returns it. */
        BytesRef term(int ord, BytesRef into) {
            into.bytes = bytes;
            into.offset = byTerm[ord * TERM_INTS + BYTES_START];
            into.length = byTerm[ord * TERM_INTS + BYTES_LENGTH];
            return into;
        }

        /** {@link BytesRef#hashCode} of term {@code ord}, computed once as the term was first seen. */
        int hash(int ord) {
            return byTerm[ord * TERM_INTS + HASH];
        }

        /** The field's distinct word pairs; null when the field has none ({@link ArticleSchema#hasPairsField}). */
        Pairs pairs() {
            return pairs;
        }

        /** Where the term stands, in position order; {@link TermPlaces.Places#NONE} when the field lacks it. */
        TermPlaces.Places places(BytesRef term) {
            int ord = find(term, term.hashCode());
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

        /** The term's ord, or -1. */
        private int find(BytesRef term, int hash) {
            for (int slot = slots.home(hash); ; slot = slots.next(slot)) {
                int known = slots.entry(slot);
                if (known < 0 || isTerm(known, term, hash)) {
                    return known;
                }
            }
        }

        private boolean isTerm(int ord, BytesRef term, int hash) {
            int t = ord * TERM_INTS;
            int from = byTerm[t + BYTES_START];
            return byTerm[t + HASH] == hash && byTerm[t + BYTES_LENGTH] == term.length
                    && Arrays.equals(bytes, from, from + term.length, term.bytes, term.offset, term.offset + term.length);
        }

        /** The term's ord, the term added when new; a new term's ord is returned as {@code -ord - 1}, as {@code BytesRefHash.add} does. */
        private int add(BytesRef term, int hash) {
            int slot = slots.home(hash);
            for (int known = slots.entry(slot); known >= 0; known = slots.entry(slot)) {
                if (isTerm(known, term, hash)) {
                    return known;
                }
                slot = slots.next(slot);
            }
            int ord = size++;
            int t = ord * TERM_INTS;
            if (t == byTerm.length) {
                byTerm = Arrays.copyOf(byTerm, t * 2);
            }
            if (bytesUsed + term.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, bytesUsed + term.length));
            }
            System.arraycopy(term.bytes, term.offset, bytes, bytesUsed, term.length);
            byTerm[t + HASH] = hash;
            byTerm[t + BYTES_START] = bytesUsed;
            byTerm[t + BYTES_LENGTH] = term.length;
            bytesUsed += term.length;
            slots.put(slot, ord, byTerm, HASH, TERM_INTS);
            return -ord - 1;
        }

        private void add(TokenStream tokens, int positionIncrementGap, int offsetGap) {
            int pos = startValue(positionIncrementGap);
            int offset = startOffset(offsetGap);
            try (TokenStream stream = tokens) {
                TermToBytesRefAttribute termAtt = stream.getAttribute(TermToBytesRefAttribute.class);
                PositionIncrementAttribute posInc = stream.addAttribute(PositionIncrementAttribute.class);
                OffsetAttribute offsets = stream.addAttribute(OffsetAttribute.class);
                stream.reset();
                while (stream.incrementToken()) {
                    int increment = posInc.getPositionIncrement();
                    pos += increment;
                    BytesRef bytes = termAtt.getBytesRef();
                    occur(bytes, increment, pos, offsets.startOffset() + offset, offsets.endOffset() + offset);
                }
                stream.end();
                endValue(pos, offsets.endOffset() + offset);
            } catch (IOException e) {
                throw new UncheckedIOException("analysing an article's text in memory cannot fail on I/O", e);
            }
        }

        /** As {@link #add(TokenStream, int, int)} with the exact reading of the words ({@link Analysis#exact}: lower case only). */
        private void addLowerCased(TwoReadings.Words words, int positionIncrementGap, int offsetGap, LowerCased scratch) {
            int pos = startValue(positionIncrementGap);
            int offset = startOffset(offsetGap);
            for (int i = 0, n = words.count(); i < n; i++) {
                int increment = words.increment(i);
                pos += increment;
                occur(scratch.of(words, i), increment, pos, words.startOffset(i) + offset, words.endOffset(i) + offset);
            }
            endValue(pos, words.finalOffset() + offset);
        }

        /** The position before a new value's first token: -1, or after the last one's and the gap. */
        private int startValue(int positionIncrementGap) {
            if (pairs != null) {
                // No pair spans two values: the gap between them is no neighbourhood.
                pairs.newValue();
            }
            return tokens > 0 ? lastPosition + positionIncrementGap : -1;
        }

        private int startOffset(int offsetGap) {
            return tokens > 0 ? lastOffset + offsetGap : 0;
        }

        private void endValue(int pos, int endOffset) {
            if (tokens > 0) {
                lastPosition = pos;
                lastOffset = endOffset;
            }
        }

        /** One token: its term (added when new) and its occurrence, chained to the term's others. */
        private void occur(BytesRef bytes, int increment, int pos, int start, int end) {
            tokens++;
            int ord = add(bytes, bytes.hashCode());
            // Occurrences are addressed by their first int.
            int at = occurrenceCount++ * OCCURRENCE_INTS;
            if (at == occurrences.length) {
                occurrences = Arrays.copyOf(occurrences, at * 2);
            }
            occurrences[at + POSITION] = pos;
            occurrences[at + START] = start;
            occurrences[at + END] = end;
            occurrences[at + NEXT] = -1;
            int t;
            if (ord < 0) {
                ord = -ord - 1;
                t = ord * TERM_INTS;
                byTerm[t + FREQ] = 1;
                byTerm[t + FIRST] = at;
            } else {
                t = ord * TERM_INTS;
                byTerm[t + FREQ]++;
                occurrences[byTerm[t + LAST] + NEXT] = at;
            }
            byTerm[t + LAST] = at;
            if (pairs != null) {
                pairs.word(ord, increment, this);
            }
        }
    }

    /** A word lower-cased as LowerCaseFilter does it, in its UTF-8 form as a term's bytes are. */
    private static final class LowerCased {
        private char[] chars = new char[64];
        private final BytesRefBuilder bytes = new BytesRefBuilder();

        BytesRef of(TwoReadings.Words words, int i) {
            int length = words.length(i);
            if (length > chars.length) {
                chars = new char[Math.max(length, chars.length * 2)];
            }
            System.arraycopy(words.chars(), words.start(i), chars, 0, length);
            CharacterUtils.toLowerCase(chars, 0, length);
            bytes.copyChars(chars, 0, length);
            return bytes.get();
        }
    }

    /**
     * A text field's distinct pairs of neighbouring words, "a b" for a word a at one position and b
     * at the next — every combination where a compound's parts stand at the compound's position.
     * An exact phrase can only be in a text that has all its neighbouring pairs, so the candidate
     * index looks a phrase up by its pairs ({@link WordPairs}). A pair is kept as its two words'
     * ords, found again by them, with the hash {@link WordPairs#hash} gives its bytes: made from the
     * words' hashes, so an article's some 450 pairs are neither copied nor hashed byte by byte. Their
     * bytes are made only for a pair the index may have ({@link #bytes}).
     */
    static final class Pairs {
        private int[] firsts;
        private int[] seconds;
        private int[] hashes;
        private int size;
        /** The pairs by their hash. */
        private final Slots slots;
        /** The words at the previous position and at the current one (a word, or a compound and its parts). */
        private int[] previous = new int[4];
        private int previousCount;
        private int[] current = new int[4];
        private int currentCount;
        /** Where {@link #bytes} reads each of a pair's two words. */
        private final BytesRef word = new BytesRef();

        private Pairs(int chars) {
            int pairs = Math.max(64, chars / 4);
            firsts = new int[pairs];
            seconds = new int[pairs];
            hashes = new int[pairs];
            slots = new Slots(Integer.highestOneBit(pairs) * 4);
        }

        int size() {
            return size;
        }

        /** Pair {@code i}'s hash: {@link WordPairs#hash} of its bytes. */
        int hash(int i) {
            return hashes[i];
        }

        /** Pair {@code i}'s bytes, "first second", into {@code into}; returns them (valid until {@code into} is written again). */
        BytesRef bytes(int i, Field words, BytesRefBuilder into) {
            into.copyBytes(words.term(firsts[i], word));
            into.append(WordPairs.SEPARATOR);
            into.append(words.term(seconds[i], word));
            return into.get();
        }

        private void clear() {
            slots.clear();
            size = 0;
            newValue();
        }

        private void newValue() {
            previousCount = 0;
            currentCount = 0;
        }

        /** The next word, with its position increment: it pairs with every word at the position before. */
        private void word(int ord, int increment, Field words) {
            if (increment > 0) {
                int[] done = previous;
                previous = current;
                previousCount = increment > 1 ? 0 : currentCount;
                current = done;
                currentCount = 0;
            }
            for (int i = 0; i < previousCount; i++) {
                add(previous[i], ord, WordPairs.hash(words.hash(previous[i]), words.hash(ord)));
            }
            if (currentCount == current.length) {
                current = Arrays.copyOf(current, currentCount * 2);
            }
            current[currentCount++] = ord;
        }

        private void add(int first, int second, int hash) {
            int slot = slots.home(hash);
            for (int k = slots.entry(slot); k >= 0; k = slots.entry(slot)) {
                if (firsts[k] == first && seconds[k] == second) {
                    return;
                }
                slot = slots.next(slot);
            }
            if (size == firsts.length) {
                firsts = Arrays.copyOf(firsts, size * 2);
                seconds = Arrays.copyOf(seconds, size * 2);
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            firsts[size] = first;
            seconds[size] = second;
            hashes[size] = hash;
            slots.put(slot, size++, hashes, 0, 1);
        }
    }

    /**
     * Open addressing over numbered entries (a field's terms, its pairs) by hashes the entries keep:
     * per slot an entry's number + 1, 0 for none, at most half full. Growing reads the kept hashes,
     * never the entries' bytes.
     */
    private static final class Slots {
        private int[] table;
        private int mask;
        private int used;

        /** {@code capacity}: a power of two. */
        Slots(int capacity) {
            table = new int[capacity];
            mask = capacity - 1;
        }

        int capacity() {
            return table.length;
        }

        /** The first slot a hash is looked for in; {@link #next} is the one after a slot. */
        int home(int hash) {
            return hash & mask;
        }

        int next(int slot) {
            return (slot + 1) & mask;
        }

        /** The entry in the slot, -1 when it is empty. */
        int entry(int slot) {
            return table[slot] - 1;
        }

        /**
         * Puts the entry into the empty slot a probe ended at. Entries are numbered 0, 1, 2… as they
         * are put, and entry e's hash is {@code hashes[first + e * stride]}, read when the table grows.
         */
        void put(int slot, int entry, int[] hashes, int first, int stride) {
            table[slot] = entry + 1;
            if (++used * 2 > table.length) {
                table = new int[table.length * 2];
                mask = table.length - 1;
                for (int e = 0; e < used; e++) {
                    int s = home(hashes[first + e * stride]);
                    while (table[s] != 0) {
                        s = next(s);
                    }
                    table[s] = e + 1;
                }
            }
        }

        void clear() {
            if (used > 0) {
                Arrays.fill(table, 0);
                used = 0;
            }
        }
    }

    /** Every field this object has held, kept with its arrays for the next article; {@link #fields} are the current article's. */
    private final Map<String, Field> byName = new HashMap<>();
    private final List<Field> fields = new ArrayList<>();
    private final LowerCased lowerCased = new LowerCased();

    /**
     * Empties this for the next article. Its fields keep their arrays: allocating them afresh for every article (zeroed, then mostly unused) was a third of the bytes
     * matching an article allocated.
     */
    void clear() {
        for (Field f : fields) {
            f.clear();
        }
        fields.clear();
    }

    /**
     * Adds a value of the field, as {@code MemoryIndex.addField(name, tokens, positionIncrementGap, offsetGap)} would.
     * {@code chars}, the value's length, sizes a new field's tables: a text of a few thousand
     * characters otherwise grows them six times. A text field read by language also collects its
     * word pairs ({@link Field#pairs}).
     */
    void add(String name, TokenStream tokens, int positionIncrementGap, int offsetGap, int chars) {
        field(name, chars).add(tokens, positionIncrementGap, offsetGap);
    }

    /** The field, made for a value of {@code chars} characters when this has not held it before, and in use for the current article. */
    private Field field(String name, int chars) {
        Field field = byName.get(name);
        if (field == null) {
            field = new Field(name, chars, ArticleSchema.hasPairsField(name));
            byName.put(name, field);
        }
        if (!field.inUse) {
            field.inUse = true;
            fields.add(field);
        }
        return field;
    }

    /**
     * Adds the words as a value of the field, read exactly ({@link Analysis#exact}: lower case
     * only), as {@link #add} would add them through that analyser's token stream: the tokenizer's
     * work is not done again, and the words pass through no second token stream.
     */
    void addLowerCased(String name, TwoReadings.Words words, int positionIncrementGap, int offsetGap, int chars) {
        field(name, chars).addLowerCased(words, positionIncrementGap, offsetGap, lowerCased);
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
