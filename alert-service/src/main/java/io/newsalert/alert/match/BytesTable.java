package io.newsalert.alert.match;

import org.apache.lucene.util.BytesRef;

/**
 * A hash table from term bytes to a value, with open addressing over a flat array of the keys'
 * hashes. The candidate index looks up every distinct term and word pair of every article in
 * tables of a hundred thousand and more terms, and most lookups miss: here a miss reads one slot
 * of an int array, where a {@code HashMap} reads its bucket array and then the entry it points to
 * — at 100,000 subscriptions those lookups were a sixth of an article's matching time, nearly all
 * of it waiting for memory. The caller owns the keys it puts (they are kept, not copied).
 *
 * <p>Not thread-safe for writes (as {@link CandidateIndex}).
 */
final class BytesTable<V> {

    private static final int EMPTY = 0;

    private int[] hashes = new int[16];
    private BytesRef[] keys = new BytesRef[16];
    private Object[] values = new Object[16];
    private int size;

    int size() {
        return size;
    }

    V get(BytesRef key) {
        return get(key, key.hashCode());
    }

    /** As {@link #get(BytesRef)}, with the key's {@link BytesRef#hashCode} known already. */
    @SuppressWarnings("unchecked")
    V get(BytesRef key, int hashCode) {
        int hash = hashCode == EMPTY ? 1 : hashCode;
        int mask = hashes.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int h = hashes[slot];
            if (h == EMPTY) {
                return null;
            }
            if (h == hash && keys[slot].bytesEquals(key)) {
                return (V) values[slot];
            }
        }
    }

    /** The value for the key, made by {@code make} (and the key kept) when there is none. */
    V computeIfAbsent(BytesRef key, java.util.function.Function<BytesRef, V> make) {
        V known = get(key);
        if (known != null) {
            return known;
        }
        V value = make.apply(key);
        if ((size + 1) * 2 > hashes.length) {
            grow();
        }
        insert(hash(key), key, value);
        size++;
        return value;
    }

    /** Removes the key, moving later entries of its probe run back so that every lookup still finds them. */
    void remove(BytesRef key) {
        int hash = hash(key);
        int mask = hashes.length - 1;
        int slot = hash & mask;
        while (true) {
            int h = hashes[slot];
            if (h == EMPTY) {
                return;
            }
            if (h == hash && keys[slot].bytesEquals(key)) {
                break;
            }
            slot = (slot + 1) & mask;
        }
        int gap = slot;
        for (int next = (gap + 1) & mask; hashes[next] != EMPTY; next = (next + 1) & mask) {
            int home = hashes[next] & mask;
            // The entry at next may fill the gap if its home slot is not between the gap and next (cyclically).
            boolean homeAfterGap = gap <= next ? gap < home && home <= next : gap < home || home <= next;
            if (!homeAfterGap) {
                hashes[gap] = hashes[next];
                keys[gap] = keys[next];
                values[gap] = values[next];
                gap = next;
            }
        }
        hashes[gap] = EMPTY;
        keys[gap] = null;
        values[gap] = null;
        size--;
        if (hashes.length > 16 && size * 8 < hashes.length) {
            resize(hashes.length / 2);
        }
    }

    private void grow() {
        resize(hashes.length * 2);
    }

    private void resize(int capacity) {
        int[] oldHashes = hashes;
        BytesRef[] oldKeys = keys;
        Object[] oldValues = values;
        hashes = new int[capacity];
        keys = new BytesRef[capacity];
        values = new Object[capacity];
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldHashes[i] != EMPTY) {
                insert(oldHashes[i], oldKeys[i], oldValues[i]);
            }
        }
    }

    private void insert(int hash, BytesRef key, Object value) {
        int mask = hashes.length - 1;
        int slot = hash & mask;
        while (hashes[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        hashes[slot] = hash;
        keys[slot] = key;
        values[slot] = value;
    }

    /** The key's {@link BytesRef#hashCode} (murmur3 of its bytes), never {@link #EMPTY}. */
    private static int hash(BytesRef key) {
        int h = key.hashCode();
        return h == EMPTY ? 1 : h;
    }

    @Override
    public String toString() {
        return "BytesTable[" + size + " of " + hashes.length + " slots]";
    }
}
