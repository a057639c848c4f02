package io.newsalert.enrich.entity;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A linear-chain tagger over BIO tags of the 12 GermEval labels: hashed sparse features
 * ({@link NameFeatures}) weigh each tag, tag bigrams weigh each transition, and Viterbi finds the
 * best sequence. The weights come from an averaged structured perceptron ({@link NameModelTraining}).
 *
 * <p>Few (bucket, tag) pairs ever get a weight, so the weights are kept sparse, by bucket: a
 * bucket's non-zero tag weights are adjacent in memory, and the table costs a few MB whatever the
 * number of buckets. Immutable once built; safe to share between threads.
 */
public final class NameModel {

    private static final int MAGIC = 0x4e455231; // "NER1"

    final String[] labels;
    /** Tags: 0 = O, 2k + 1 = B-label k, 2k + 2 = I-label k. */
    final int tagCount;
    final int bucketBits;
    /** Bucket b's weights are entries [rowStart[b], rowStart[b + 1]) of rowTags and rowWeights. */
    final int[] rowStart;
    final byte[] rowTags;
    final float[] rowWeights;
    /** transitions[previous * tagCount + tag]; previous = tagCount is the sentence start. */
    final float[] transitions;

    /** The transitions with forbidden ones at minus infinity, for decoding. */
    private final float[] decodingTransitions;
    /**
     * The decoder's index of the buckets, small enough for the CPU's cache: one bit per bucket
     * (set when it has weights), the count of set bits before each 64-bucket block, and the start
     * of each non-empty bucket's entries. Most features of new text were never seen in training;
     * their empty buckets are then answered from the bit set without a read from main memory.
     */
    private final long[] occupied;
    private final int[] rankBefore;
    private final int[] entriesOf;

    NameModel(String[] labels, int bucketBits, int[] rowStart, byte[] rowTags, float[] rowWeights, float[] transitions) {
        this.labels = labels;
        this.tagCount = 2 * labels.length + 1;
        this.bucketBits = bucketBits;
        this.rowStart = rowStart;
        this.rowTags = rowTags;
        this.rowWeights = rowWeights;
        this.transitions = transitions;
        this.decodingTransitions = masked(transitions, tagCount);
        int buckets = 1 << bucketBits;
        occupied = new long[Math.max(1, buckets >>> 6)];
        rankBefore = new int[occupied.length];
        int nonEmpty = 0;
        for (int b = 0; b < buckets; b++) {
            if (rowStart[b + 1] > rowStart[b]) {
                occupied[b >>> 6] |= 1L << (b & 63);
                nonEmpty++;
            }
        }
        entriesOf = new int[nonEmpty + 1];
        int rank = 0;
        for (int block = 0; block < occupied.length; block++) {
            rankBefore[block] = rank;
            rank += Long.bitCount(occupied[block]);
        }
        int r = 0;
        for (int b = 0; b < buckets; b++) {
            if (rowStart[b + 1] > rowStart[b]) {
                entriesOf[r++] = rowStart[b];
            }
        }
        entriesOf[nonEmpty] = rowWeights.length;
    }

    /** From dense weights, index bucket * tagCount + tag. */
    static NameModel fromDense(String[] labels, int bucketBits, float[] dense, float[] transitions) {
        int t = tagCount(labels.length);
        int nonZero = 0;
        for (float v : dense) {
            nonZero += v != 0 ? 1 : 0;
        }
        int[] rowStart = new int[(1 << bucketBits) + 1];
        byte[] tags = new byte[nonZero];
        float[] values = new float[nonZero];
        int k = 0;
        for (int b = 0; b < 1 << bucketBits; b++) {
            rowStart[b] = k;
            for (int tag = 0; tag < t; tag++) {
                float v = dense[b * t + tag];
                if (v != 0) {
                    tags[k] = (byte) tag;
                    values[k++] = v;
                }
            }
        }
        rowStart[1 << bucketBits] = k;
        return new NameModel(labels, bucketBits, rowStart, tags, values, transitions);
    }

    /**
     * The model without the weights whose magnitude is below {@code minimum}: an average of
     * perceptrons keeps many small weights that change few decisions but cost the decoder a read
     * each.
     */
    NameModel pruned(float minimum) {
        int buckets = 1 << bucketBits;
        int[] start = new int[buckets + 1];
        int kept = 0;
        for (float v : rowWeights) {
            kept += Math.abs(v) >= minimum ? 1 : 0;
        }
        byte[] tags = new byte[kept];
        float[] values = new float[kept];
        int k = 0;
        for (int b = 0; b < buckets; b++) {
            start[b] = k;
            for (int e = rowStart[b]; e < rowStart[b + 1]; e++) {
                if (Math.abs(rowWeights[e]) >= minimum) {
                    tags[k] = rowTags[e];
                    values[k++] = rowWeights[e];
                }
            }
        }
        start[buckets] = k;
        return new NameModel(labels, bucketBits, start, tags, values, transitions);
    }

    static float[] masked(float[] transitions, int t) {
        float[] m = transitions.clone();
        for (int p = 0; p <= t; p++) {
            for (int tag = 0; tag < t; tag++) {
                if (!allowed(p, tag, t)) {
                    m[p * t + tag] = Float.NEGATIVE_INFINITY;
                }
            }
        }
        return m;
    }

    static int tagCount(int labels) {
        return 2 * labels + 1;
    }

    /** An I- tag may only follow its own B- or I- tag: the decoder never produces an orphan I-. */
    static boolean allowed(int previous, int tag, int tagCount) {
        if (tag == 0 || tag % 2 == 1) {
            return true;
        }
        return previous < tagCount && previous != 0 && (previous + 1) / 2 == tag / 2;
    }

    /**
     * The best tag sequence for a sentence whose features are computed. The scores of a word's own
     * features are remembered per word (in the workspace): news repeats its words, and it halves
     * the scattered reads of the weight table, which are most of the tagger's cost.
     */
    int[] decode(String[] words, NameFeatures f, Workspace ws) {
        int n = words.length;
        int t = tagCount;
        ws.ensure(n, t);
        float[] emit = ws.emit;
        int[] feats = f.features;
        for (int i = 0; i < n; i++) {
            int row = i * t;
            int from = i * NameFeatures.MAX;
            int local = from + f.localCounts[i];
            float[] own = ws.wordScores.get(words[i]);
            if (own == null) {
                own = new float[t];
                add(feats, from, local, own, 0);
                if (ws.wordScores.size() >= Workspace.WORD_LIMIT) {
                    ws.wordScores.clear();
                }
                ws.wordScores.put(words[i], own);
            }
            System.arraycopy(own, 0, emit, row, t);
            add(feats, local, from + f.counts[i], emit, row);
        }
        return viterbi(emit, n, decodingTransitions, t, ws);
    }

    private void add(int[] feats, int from, int to, float[] scores, int row) {
        int mask = (1 << bucketBits) - 1;
        for (int k = from; k < to; k++) {
            int bucket = feats[k] & mask;
            long bits = occupied[bucket >>> 6];
            long below = 1L << (bucket & 63);
            if ((bits & below) == 0) {
                continue;
            }
            int r = rankBefore[bucket >>> 6] + Long.bitCount(bits & (below - 1));
            for (int e = entriesOf[r], end = entriesOf[r + 1]; e < end; e++) {
                scores[row + rowTags[e]] += rowWeights[e];
            }
        }
    }

    /** Emission scores from dense weights (training). */
    static void scoreEmissions(NameFeatures f, int n, float[] emit, float[] w, int bucketBits, int t) {
        int mask = (1 << bucketBits) - 1;
        int[] feats = f.features;
        for (int i = 0; i < n; i++) {
            int row = i * t;
            java.util.Arrays.fill(emit, row, row + t, 0f);
            int from = i * NameFeatures.MAX;
            int to = from + f.counts[i];
            for (int k = from; k < to; k++) {
                int offset = (feats[k] & mask) * t;
                for (int tag = 0; tag < t; tag++) {
                    emit[row + tag] += w[offset + tag];
                }
            }
        }
    }

    /** @param trans transitions with the forbidden ones at minus infinity ({@link #masked}) */
    static int[] viterbi(float[] emit, int n, float[] trans, int t, Workspace ws) {
        float[] score = ws.score;
        int[] back = ws.back;
        for (int tag = 0; tag < t; tag++) {
            score[tag] = emit[tag] + trans[t * t + tag];
        }
        for (int i = 1; i < n; i++) {
            int row = i * t;
            int prevRow = row - t;
            for (int tag = 0; tag < t; tag++) {
                float best = Float.NEGATIVE_INFINITY;
                int arg = 0;
                // An I- tag can only follow its B- or I- tag: two candidates instead of all.
                boolean inside = tag != 0 && tag % 2 == 0;
                for (int p = inside ? tag - 1 : 0, last = inside ? tag : t - 1; p <= last; p++) {
                    float s = score[prevRow + p] + trans[p * t + tag];
                    if (s > best) {
                        best = s;
                        arg = p;
                    }
                }
                score[row + tag] = best + emit[row + tag];
                back[row + tag] = arg;
            }
        }
        int[] tags = new int[n];
        int last = (n - 1) * t;
        int arg = 0;
        for (int tag = 1; tag < t; tag++) {
            if (score[last + tag] > score[last + arg]) {
                arg = tag;
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            tags[i] = arg;
            arg = back[i * t + arg];
        }
        return tags;
    }

    /** Spans of a tag sequence, as label index and token range [start, end). */
    static List<int[]> spans(int[] tags, int n) {
        List<int[]> spans = new ArrayList<>();
        int start = -1;
        int label = -1;
        for (int i = 0; i <= n; i++) {
            int tag = i < n ? tags[i] : 0;
            boolean continues = tag != 0 && tag % 2 == 0 && (tag - 1) / 2 == label;
            if (start >= 0 && !continues) {
                spans.add(new int[] {label, start, i});
                start = -1;
                label = -1;
            }
            if (tag != 0 && !continues) {
                start = i;
                label = (tag - 1) / 2;
            }
        }
        return spans;
    }

    /** Buffers for decoding; one per thread. */
    static final class Workspace {
        /** Above this many distinct words the memo of word scores starts afresh: bounded memory. */
        static final int WORD_LIMIT = 50_000;
        final java.util.Map<String, float[]> wordScores = new java.util.HashMap<>();
        float[] emit = new float[0];
        float[] score = new float[0];
        int[] back = new int[0];

        void ensure(int n, int t) {
            if (emit.length < n * t) {
                int size = Math.max(n * t, emit.length * 2);
                emit = new float[size];
                score = new float[size];
                back = new int[size];
            }
        }
    }

    /** Writes the model: only non-zero weights, as gaps and values, gzipped. */
    void write(OutputStream out) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16);
        DataOutputStream data = new DataOutputStream(gzip);
        data.writeInt(MAGIC);
        data.writeInt(labels.length);
        for (String label : labels) {
            data.writeUTF(label);
        }
        data.writeInt(bucketBits);
        for (float v : transitions) {
            data.writeFloat(v);
        }
        data.writeInt(rowWeights.length);
        int previous = -1;
        for (int b = 0; b < 1 << bucketBits; b++) {
            for (int e = rowStart[b]; e < rowStart[b + 1]; e++) {
                int index = b * tagCount + rowTags[e];
                writeVarInt(data, index - previous);
                data.writeFloat(rowWeights[e]);
                previous = index;
            }
        }
        data.flush();
        gzip.finish();
    }

    static NameModel read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(new GZIPInputStream(in, 1 << 16));
        if (data.readInt() != MAGIC) {
            throw new IOException("not a name model (wrong magic number)");
        }
        String[] labels = new String[data.readInt()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.readUTF();
        }
        int bits = data.readInt();
        int t = tagCount(labels.length);
        float[] transitions = new float[(t + 1) * t];
        for (int i = 0; i < transitions.length; i++) {
            transitions[i] = data.readFloat();
        }
        int nonZero = data.readInt();
        int[] rowStart = new int[(1 << bits) + 1];
        byte[] tags = new byte[nonZero];
        float[] values = new float[nonZero];
        int index = -1;
        int bucket = 0;
        for (int k = 0; k < nonZero; k++) {
            index += readVarInt(data);
            int b = index / t;
            if (b >= 1 << bits || b < bucket - 1) {
                throw new IOException("name model corrupt: weight index " + index + " out of order or range");
            }
            while (bucket <= b) {
                rowStart[bucket++] = k;
            }
            tags[k] = (byte) (index % t);
            values[k] = data.readFloat();
        }
        while (bucket <= 1 << bits) {
            rowStart[bucket++] = nonZero;
        }
        return new NameModel(labels, bits, rowStart, tags, values, transitions);
    }

    private static void writeVarInt(DataOutputStream out, int v) throws IOException {
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    private static int readVarInt(DataInputStream in) throws IOException {
        int v = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
    }
}
