package io.newsalert.enrich.topic;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Scores the section classifier by 5-fold cross-validation on 10kGNAD {@code articles.csv}, then
 * trains it on all of it and writes the model the service loads. Deterministic: a fixed shuffle.
 *
 * <p>10kGNAD is CC BY-NC-SA 4.0: the committed model is trained on it, which the README says.
 */
public final class TopicModelTraining {

    static final int ITERATIONS = 100;

    private TopicModelTraining() {}

    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args.length > 0 ? args[0] : "../../shared/data/10kgnad/articles.csv");
        Path out = Path.of(args.length > 1 ? args[1] : "src/main/resources/models/topics-de-10kgnad.bin");
        List<TopicCorpus.Article> articles = TopicCorpus.read(csv);
        crossValidate(articles, 5);
        long t0 = System.nanoTime();
        SectionClassifier classifier = SectionClassifier.train(articles, ITERATIONS);
        System.out.printf("topic model trained on %d articles in %.1f s%n", articles.size(), (System.nanoTime() - t0) / 1e9);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream os = Files.newOutputStream(out)) {
            classifier.model().serialize(os);
        }
        System.out.printf("model written to %s (%.1f MB)%n", out, Files.size(out) / 1e6);
    }

    /** Prints accuracy on the 9 sections and on the IPTC topics they map to. */
    public static double[] crossValidate(List<TopicCorpus.Article> articles, int folds) throws IOException {
        List<TopicCorpus.Article> shuffled = new ArrayList<>(articles);
        Collections.shuffle(shuffled, new Random(42));
        int sectionHits = 0;
        int topicHits = 0;
        for (int f = 0; f < folds; f++) {
            List<TopicCorpus.Article> train = new ArrayList<>();
            List<TopicCorpus.Article> test = new ArrayList<>();
            for (int i = 0; i < shuffled.size(); i++) {
                (i % folds == f ? test : train).add(shuffled.get(i));
            }
            SectionClassifier classifier = SectionClassifier.train(train, ITERATIONS);
            for (TopicCorpus.Article a : test) {
                String predicted = classifier.bestSection(a.text());
                sectionHits += predicted.equals(a.section()) ? 1 : 0;
                topicHits += Taxonomy.SECTIONS.get(predicted).equals(Taxonomy.SECTIONS.get(a.section())) ? 1 : 0;
            }
        }
        double sectionAccuracy = (double) sectionHits / shuffled.size();
        double topicAccuracy = (double) topicHits / shuffled.size();
        System.out.printf("10kGNAD %d articles, %d-fold cross-validation: section accuracy %.3f (9 sections), "
                + "topic accuracy %.3f (6 IPTC topics the sections map to)%n",
                shuffled.size(), folds, sectionAccuracy, topicAccuracy);
        return new double[] {sectionAccuracy, topicAccuracy};
    }
}
