package io.newsalert.enrich.entity;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.util.Span;

/**
 * Trains the German name tagger ({@link NameModel}) on GermEval 2014 {@code train.tsv} with an
 * averaged structured perceptron, writes the model the service loads, then scores it on
 * {@code dev.tsv}. Reproducible: a fixed number of epochs over the sentences in orders shuffled
 * with fixed seeds, so the same data give the same model, byte for byte.
 *
 * <p>Run: {@code ./mvnw -B -q -o -pl enrich-service -am -Ptrain process-classes} (see the module's pom),
 * or {@code java … NameModelTraining <germeval dir> <model out>}. System properties: {@code epochs}
 * (default 12), {@code bits} (log2 of the feature buckets, default 20), {@code seed}, and
 * {@code bags} (perceptrons over differently shuffled data, averaged; default 3: a single
 * perceptron's dev F1 varies by about ±1 point with the shuffle, the average of three is steadier
 * and better), {@code prune} (weights of smaller magnitude are dropped, default 0.5: half of the
 * bag's weights, for a tenth of a point of F1 and a faster decoder), and {@code withDev=true} to add
 * dev.tsv to the training data (then the printed dev score is no longer a held-out score).
 */
public final class NameModelTraining {

    /** The 12 GermEval labels, GermEval's OTH named MISC as in CoNLL and the event records. */
    static final String[] LABELS = {
        "PER", "PERderiv", "PERpart", "ORG", "ORGderiv", "ORGpart",
        "LOC", "LOCderiv", "LOCpart", "MISC", "MISCderiv", "MISCpart"};

    private NameModelTraining() {}

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args.length > 0 ? args[0] : "../../shared/data/germeval2014");
        Path out = Path.of(args.length > 1 ? args[1] : "src/main/resources/models/ner-de-perceptron.bin");
        int epochs = Integer.parseInt(System.getProperty("epochs", "12"));
        int bits = Integer.parseInt(System.getProperty("bits", "20"));
        long seed = Long.parseLong(System.getProperty("seed", "20140101"));
        int bags = Integer.parseInt(System.getProperty("bags", "3"));
        boolean withDev = Boolean.parseBoolean(System.getProperty("withDev", "false"));

        List<NameSample> train = new ArrayList<>(GermEvalCorpus.read(data.resolve("train.tsv"), true));
        List<NameSample> dev = GermEvalCorpus.read(data.resolve("dev.tsv"), true);
        if (withDev) {
            train.addAll(dev);
        }
        NameTagger.Resources resources = NameTagger.Resources.load();
        long t0 = System.nanoTime();
        // -DtraceDev=true: the dev score after every epoch, to choose the number of epochs.
        java.util.function.Consumer<NameModel> trace = Boolean.getBoolean("traceDev")
                ? m -> NameModelEvaluation.printOverall(new NameTagger(resources, m), dev) : m -> { };
        NameModel model = train(train, resources, epochs, bits, seed, bags, trace);
        float prune = Float.parseFloat(System.getProperty("prune", "0.5"));
        int weights = model.rowWeights.length;
        model = model.pruned(prune);
        System.out.printf("weights below %.2f pruned: %d of %d kept%n", prune, model.rowWeights.length, weights);
        System.out.printf("trained on %d sentences%s (%d averaged perceptron(s), %d epochs, 2^%d buckets, seed %d) in %.1f s%n",
                train.size(), withDev ? " (train + dev)" : "", bags, epochs, bits, seed, (System.nanoTime() - t0) / 1e9);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream os = Files.newOutputStream(out)) {
            model.write(os);
        }
        System.out.printf("model written to %s (%.1f MB)%n", out, Files.size(out) / 1e6);
        NameModelEvaluation.printScores(new NameTagger(resources, model), dev);
    }

    /** A training sentence: its tokens' features (copied out of the feature buffers) and gold tags. */
    private record Sentence(int n, int[] features, int[] counts, int[] gold) {}

    /** The average of {@code bags} perceptrons over differently shuffled data (seeds seed, seed + 1, …). */
    static NameModel train(List<NameSample> samples, NameTagger.Resources resources, int epochs, int bits, long seed,
            int bags, java.util.function.Consumer<NameModel> afterEpoch) {
        int t = NameModel.tagCount(LABELS.length);
        NameFeatures featureBuffer = resources.features();
        List<Sentence> sentences = new ArrayList<>();
        for (NameSample sample : samples) {
            String[] words = sample.getSentence();
            featureBuffer.compute(words);
            int n = words.length;
            sentences.add(new Sentence(n, Arrays.copyOf(featureBuffer.features, n * NameFeatures.MAX),
                    Arrays.copyOf(featureBuffer.counts, n), goldTags(sample)));
        }
        // Several perceptrons over differently shuffled data, averaged: less dependence on one order.
        float[] w = null;
        float[] trans = null;
        for (int b = 0; b < bags; b++) {
            float[][] one = perceptron(sentences, t, epochs, bits, seed + b, b == 0 ? afterEpoch : m -> { });
            if (w == null) {
                w = one[0];
                trans = one[1];
            } else {
                addTo(w, one[0]);
                addTo(trans, one[1]);
            }
        }
        scale(w, 1f / bags);
        scale(trans, 1f / bags);
        return NameModel.fromDense(LABELS, bits, w, trans);
    }

    private static void addTo(float[] sum, float[] x) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += x[i];
        }
    }

    private static void scale(float[] x, float factor) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= factor;
        }
    }

    /** One averaged perceptron; answers the dense weights and transitions. */
    private static float[][] perceptron(List<Sentence> sentences, int t, int epochs, int bits, long seed,
            java.util.function.Consumer<NameModel> afterEpoch) {
        int size = (1 << bits) * t;
        float[] w = new float[size];
        double[] wSum = new double[size]; // Σ c·Δ, for the average w − wSum / c
        float[] trans = new float[(t + 1) * t];
        double[] transSum = new double[trans.length];
        NameFeatures view = new NameFeatures(null, Map.of());
        NameModel.Workspace ws = new NameModel.Workspace();
        int mask = (1 << bits) - 1;
        Random random = new Random(seed);
        List<Sentence> order = new ArrayList<>(sentences);
        long c = 1;
        for (int epoch = 0; epoch < epochs; epoch++) {
            java.util.Collections.shuffle(order, random);
            int errors = 0;
            for (Sentence s : order) {
                view.features = s.features();
                view.counts = s.counts();
                ws.ensure(s.n(), t);
                NameModel.scoreEmissions(view, s.n(), ws.emit, w, bits, t);
                int[] predicted = NameModel.viterbi(ws.emit, s.n(), NameModel.masked(trans, t), t, ws);
                int[] gold = s.gold();
                if (!Arrays.equals(predicted, gold)) {
                    errors++;
                    for (int i = 0; i < s.n(); i++) {
                        int prevGold = i == 0 ? t : gold[i - 1];
                        int prevPred = i == 0 ? t : predicted[i - 1];
                        if (gold[i] != predicted[i]) {
                            for (int k = i * NameFeatures.MAX, end = k + s.counts()[i]; k < end; k++) {
                                int row = (s.features()[k] & mask) * t;
                                update(w, wSum, row + gold[i], 1, c);
                                update(w, wSum, row + predicted[i], -1, c);
                            }
                        }
                        if (gold[i] != predicted[i] || prevGold != prevPred) {
                            update(trans, transSum, prevGold * t + gold[i], 1, c);
                            update(trans, transSum, prevPred * t + predicted[i], -1, c);
                        }
                    }
                }
                c++;
            }
            System.out.printf("  epoch %2d: %d of %d sentences mistagged%n", epoch + 1, errors, order.size());
            afterEpoch.accept(NameModel.fromDense(LABELS, bits, average(w, wSum, c), average(trans, transSum, c)));
        }
        return new float[][] {average(w, wSum, c), average(trans, transSum, c)};
    }

    private static void update(float[] w, double[] sum, int index, float delta, long c) {
        w[index] += delta;
        sum[index] += c * (double) delta;
    }

    private static float[] average(float[] w, double[] sum, long c) {
        float[] avg = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            avg[i] = (float) (w[i] - sum[i] / c);
        }
        return avg;
    }

    /** BIO tags of a sample's outer spans. */
    static int[] goldTags(NameSample sample) {
        int[] tags = new int[sample.getSentence().length];
        for (Span span : sample.getNames()) {
            int label = Arrays.asList(LABELS).indexOf(span.getType());
            if (label < 0) {
                throw new IllegalArgumentException("unknown GermEval label " + span.getType());
            }
            tags[span.getStart()] = 2 * label + 1;
            for (int i = span.getStart() + 1; i < span.getEnd(); i++) {
                tags[i] = 2 * label + 2;
            }
        }
        return tags;
    }
}
