package io.newsalert.enrich.entity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import opennlp.tools.namefind.BioCodec;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * Trains the German name finder on GermEval 2014 {@code train.tsv} and writes the model that the
 * service loads; then scores it on {@code dev.tsv}. Reproducible: the same data, features and
 * parameters give the same model.
 *
 * <p>Run: {@code ./mvnw -B -q -pl enrich-service -Ptrain exec:java} (see the module's pom), or
 * {@code java … NameModelTraining <germeval dir> <model out>}.
 */
public final class NameModelTraining {

    /** The feature set, in the module's resources so that training and the model agree on it. */
    static final String FEATURES = "/models/ner-features.xml";

    private NameModelTraining() {}

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args.length > 0 ? args[0] : "../../shared/data/germeval2014");
        Path out = Path.of(args.length > 1 ? args[1] : "src/main/resources/models/ner-de-germeval.bin");
        int iterations = Integer.parseInt(System.getProperty("iterations", "300"));
        String algorithm = System.getProperty("algorithm", "PERCEPTRON");
        int cutoff = Integer.parseInt(System.getProperty("cutoff", "0"));

        List<NameSample> train = GermEvalCorpus.read(data.resolve("train.tsv"), true);
        long t0 = System.nanoTime();
        TokenNameFinderModel model = train(train, algorithm, iterations, cutoff);
        System.out.printf("trained on %d sentences (%s, %d iterations, cutoff %d) in %.1f s%n",
                train.size(), algorithm, iterations, cutoff, (System.nanoTime() - t0) / 1e9);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream os = Files.newOutputStream(out)) {
            model.serialize(os);
        }
        System.out.printf("model written to %s (%.1f MB)%n", out, Files.size(out) / 1e6);
        NameModelEvaluation.printScores(new NameFinderME(model), GermEvalCorpus.read(data.resolve("dev.tsv"), true));
    }

    static TokenNameFinderModel train(List<NameSample> samples, String algorithm, int iterations, int cutoff)
            throws IOException {
        TrainingParameters params = TrainingParameters.defaultParams();
        params.put(TrainingParameters.ALGORITHM_PARAM, algorithm);
        params.put(TrainingParameters.ITERATIONS_PARAM, iterations);
        params.put(TrainingParameters.CUTOFF_PARAM, cutoff);
        params.put(TrainingParameters.THREADS_PARAM, 2);
        // Greedy decoding (beam 1): twice the speed of OpenNLP's default beam of 3 for 0.005 less F1 on dev.
        params.put(opennlp.tools.ml.BeamSearch.BEAM_SIZE_PARAMETER, Integer.parseInt(System.getProperty("beam", "1")));
        byte[] features;
        String override = System.getProperty("features");
        try (InputStream in = override != null ? Files.newInputStream(Path.of(override))
                : NameModelTraining.class.getResourceAsStream(FEATURES)) {
            if (in == null) {
                throw new IOException("feature descriptor " + FEATURES + " missing from the classpath");
            }
            features = in.readAllBytes();
        }
        TokenNameFinderFactory factory = TokenNameFinderFactory.create(null, features, Map.of(), new BioCodec());
        return NameFinderME.train("deu", null, ObjectStreamUtils.createObjectStream(samples), params, factory);
    }
}
