package io.newsalert.alert.match;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.ToIntFunction;
import org.apache.lucene.util.BytesRef;

/**
 * A hash table from term bytes to a value, with open addressing over a flat array of the keys'
 * hashes. The candidate index looks up every distinct term and word pair of every article in
 * tables of a hundred thousand and more terms, and most lookups miss: here a miss reads one slot
 * of a long array, where a {@code HashMap} reads its bucket array and then the entry it points to
 * — at 100,000 subscriptions those lookups were a sixth of an article's matching time, nearly all
 * of it waiting for memory. A slot holds the key's hash and where its bytes are in one array of
 * all keys' bytes, so a hit reads the slot and the bytes (and the value), not a key object and
 * then its array: comparing keys that way was 6 % of an article's time at 100,000 subscriptions.
 *
 * <p>Not thread-safe for writes (as {@link CandidateIndex}).
 */
final class BytesTable<V> {

    private static final int EMPTY = 0;

    /**
     * Four bits per slot, one set for each key's hash (by bits the slot does not use): a lookup of a
     * term no key has mostly ends at a clear bit. At 100,000 subscriptions the slots of a field are a
     * megabyte and more, far from the CPU, and most lookups miss; these bits are a sixteenth of that.
     * A removed key's bit stays set until the next resize (it only lets a lookup go on to the slots).
     */
    private long[] present = new long[1];
    private int presentShift = 64 - 6;

    /** Per slot: the key's hash (never {@link #EMPTY}) in the high half, where its bytes start in {@link #keys} in the low. */
    private long[] slots = new long[16];
    private Object[] values = new Object[16];
    /** The keys' bytes, each as its length (4 bytes) and the bytes; a removed key's stay until the next resize. */
    private byte[] keys = new byte[256];
    private int keysUsed;
    /** Bytes of {@link #keys} that removed keys hold: once they are half, the keys are copied afresh. */
    private int keysRemoved;
    private int size;
    /** A key's hash, from its bytes: {@link BytesRef#hashCode} unless the table is made with another. */
    private final ToIntFunction<BytesRef> hashing;

    BytesTable() {
        this(BytesRef::hashCode);
    }

    /** Keys found by {@code hashing} of their bytes: a lookup with a known hash ({@link #get(BytesRef, int)}) must give that one. */
    BytesTable(ToIntFunction<BytesRef> hashing) {
        this.hashing = hashing;
    }

    int size() {
        return size;
    }

    /** The bytes the keys take, removed ones' included (for tests). */
    int keyBytes() {
        return keys.length;
    }

    V get(BytesRef key) {
        return get(key, hashing.applyAsInt(key));
    }

    /** As {@link #get(BytesRef)}, with the key's hash known already. */
    @SuppressWarnings("unchecked")
    V get(BytesRef key, int hashCode) {
        if (!mayHave(hashCode)) {
            return null;
        }
        int slot = find(key, hashCode == EMPTY ? 1 : hashCode);
        return slot < 0 ? null : (V) values[slot];
    }

    /** False when no key has this hash; true when one may have (at most 1 in 8 hashes no key has passes). */
    boolean mayHave(int hashCode) {
        int bit = presentBit(hashCode == EMPTY ? 1 : hashCode);
        return (present[bit >>> 6] & 1L << bit) != 0;
    }

    /** The key's slot, or -1. */
    private int find(BytesRef key, int hash) {
        int mask = slots.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            long s = slots[slot];
            if (s == EMPTY) {
                return -1;
            }
            if ((int) (s >>> 32) == hash && keyEquals((int) s, key)) {
                return slot;
            }
        }
    }

    /** The hash's bit in {@link #present}: its top bits after a multiplication, where the slot takes its low bits. */
    private int presentBit(int hash) {
        return (int) ((hash * 0x9E3779B97F4A7C15L) >>> presentShift);
    }

    private boolean keyEquals(int at, BytesRef key) {
        int length = (int) INT.get(keys, at);
        return length == key.length && Arrays.equals(keys, at + 4, at + 4 + length, key.bytes, key.offset, key.offset + key.length);
    }

    /** The value for the key, made by {@code make} when there is none; the key's bytes are copied. */
    V computeIfAbsent(BytesRef key, java.util.function.Function<BytesRef, V> make) {
        V known = get(key);
        if (known != null) {
            return known;
        }
        V value = make.apply(key);
        if ((size + 1) * 2 > slots.length) {
            resize(slots.length * 2);
        }
        insert(hash(key), copy(key.bytes, key.offset, key.length), value);
        size++;
        return value;
    }

    /** Removes the key, moving later entries of its probe run back so that every lookup still finds them. */
    void remove(BytesRef key) {
        int hash = hash(key);
        int gap = find(key, hash);
        if (gap < 0) {
            return;
        }
        int mask = slots.length - 1;
        for (int next = (gap + 1) & mask; slots[next] != EMPTY; next = (next + 1) & mask) {
            int home = (int) (slots[next] >>> 32) & mask;
            // The entry at next may fill the gap if its home slot is not between the gap and next (cyclically).
            boolean homeAfterGap = gap <= next ? gap < home && home <= next : gap < home || home <= next;
            if (!homeAfterGap) {
                slots[gap] = slots[next];
                values[gap] = values[next];
                gap = next;
            }
        }
        keysRemoved += 4 + key.length;
        slots[gap] = EMPTY;
        values[gap] = null;
        size--;
        if (slots.length > 16 && size * 8 < slots.length) {
            resize(slots.length / 2);
        } else if (keysRemoved > 4096 && keysRemoved * 2 > keysUsed) {
            // Subscriptions edited again and again add and remove keys at one size: without this the bytes would only grow.
            resize(slots.length);
        }
    }

    /** A new slot array of the capacity, and the keys' bytes copied without the removed ones'. */
    private void resize(int capacity) {
        long[] oldSlots = slots;
        Object[] oldValues = values;
        byte[] oldKeys = keys;
        slots = new long[capacity];
        values = new Object[capacity];
        // The slots are at least twice the keys, so there are at least 8 bits per key: at most 1 in 8 absent terms finds its bit set.
        int bits = Math.max(64, capacity * 4);
        present = new long[bits / 64];
        presentShift = 64 - Integer.numberOfTrailingZeros(bits);
        keys = new byte[Math.max(256, keysUsed - keysRemoved)];
        keysUsed = 0;
        keysRemoved = 0;
        for (int i = 0; i < oldSlots.length; i++) {
            long s = oldSlots[i];
            if (s != EMPTY) {
                int at = (int) s;
                insert((int) (s >>> 32), copy(oldKeys, at + 4, (int) INT.get(oldKeys, at)), oldValues[i]);
            }
        }
    }

    /** Appends a key's bytes to {@link #keys}; where they start. */
    private int copy(byte[] bytes, int offset, int length) {
        if (keysUsed + 4 + length > keys.length) {
            keys = Arrays.copyOf(keys, Math.max(keys.length * 2, keysUsed + 4 + length));
        }
        int at = keysUsed;
        INT.set(keys, at, length);
        System.arraycopy(bytes, offset, keys, at + 4, length);
        keysUsed += 4 + length;
        return at;
    }

    private void insert(int hash, int keyAt, Object value) {
        int mask = slots.length - 1;
        int slot = hash & mask;
        while (slots[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = (long) hash << 32 | (keyAt & 0xFFFF_FFFFL);
        values[slot] = value;
        int bit = presentBit(hash);
        present[bit >>> 6] |= 1L << bit;
    }

    /** The key's hash, never {@link #EMPTY}. */
    private int hash(BytesRef key) {
        int h = hashing.applyAsInt(key);
        return h == EMPTY ? 1 : h;
    }

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    @Override
    public String toString() {
        return "BytesTable[" + size + " of " + slots.length + " slots, " + keysUsed + " bytes of keys]";
    }
}
