package io.newsalert.enrich.entity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.util.Span;

/**
 * Scores the name tagger on GermEval {@code dev.tsv}: precision, recall and F1 of exact outer
 * spans with their type, per class and overall, for the 12 GermEval labels and for the 4 coarse
 * classes (deriv and part folded into their base class, as in the CoNLL scheme).
 */
public final class NameModelEvaluation {

    private NameModelEvaluation() {}

    public static void main(String[] args) throws IOException {
        Path dev = Path.of(args.length > 0 ? args[0] : "../../shared/data/germeval2014/dev.tsv");
        NameTagger tagger;
        if (args.length > 1) {
            try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
                tagger = new NameTagger(NameTagger.Resources.load(), NameModel.read(in));
            }
        } else {
            tagger = NameTagger.load();
        }
        printScores(tagger, GermEvalCorpus.read(dev, true));
    }

    /** Counts of one class: true positives, predicted, gold. */
    record Counts(int tp, int predicted, int gold) {
        double precision() { return predicted == 0 ? 0 : (double) tp / predicted; }
        double recall() { return gold == 0 ? 0 : (double) tp / gold; }
        double f1() {
            double p = precision(), r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
        Counts plus(Counts o) { return new Counts(tp + o.tp, predicted + o.predicted, gold + o.gold); }
    }

    static void printScores(NameTagger tagger, List<NameSample> gold) {
        Map<String, Counts> fine = new TreeMap<>();
        Map<String, Counts> coarse = new TreeMap<>();
        for (NameSample sample : gold) {
            Span[] predicted = tagger.find(sample.getSentence());
            count(sample.getNames(), predicted, UnaryOperator.identity(), fine);
            count(sample.getNames(), predicted, GermEvalCorpus::coarse, coarse);
        }
        System.out.println("GermEval 2014 dev.tsv, " + gold.size() + " sentences, exact outer span and type");
        print("12 labels", fine);
        print("4 coarse classes (deriv/part folded into base)", coarse);
    }

    /** One line: overall coarse and 12-label F1. */
    static void printOverall(NameTagger tagger, List<NameSample> gold) {
        Map<String, Counts> fine = new TreeMap<>();
        Map<String, Counts> coarse = new TreeMap<>();
        for (NameSample sample : gold) {
            Span[] predicted = tagger.find(sample.getSentence());
            count(sample.getNames(), predicted, UnaryOperator.identity(), fine);
            count(sample.getNames(), predicted, GermEvalCorpus::coarse, coarse);
        }
        Counts c = total(coarse);
        System.out.printf("    dev coarse P %.3f R %.3f F1 %.3f; 12 labels F1 %.3f%n",
                c.precision(), c.recall(), c.f1(), total(fine).f1());
    }

    private static void count(Span[] gold, Span[] predicted, UnaryOperator<String> label, Map<String, Counts> counts) {
        Set<String> goldKeys = new HashSet<>();
        for (Span s : gold) {
            String type = label.apply(s.getType());
            goldKeys.add(s.getStart() + ":" + s.getEnd() + ":" + type);
            counts.merge(type, new Counts(0, 0, 1), Counts::plus);
        }
        for (Span s : predicted) {
            String type = label.apply(s.getType());
            boolean hit = goldKeys.contains(s.getStart() + ":" + s.getEnd() + ":" + type);
            counts.merge(type, new Counts(hit ? 1 : 0, 1, 0), Counts::plus);
        }
    }

    static Counts total(Map<String, Counts> counts) {
        return counts.values().stream().reduce(new Counts(0, 0, 0), Counts::plus);
    }

    private static void print(String title, Map<String, Counts> counts) {
        System.out.println(title);
        System.out.printf("  %-10s %6s %6s %6s %6s %6s%n", "class", "gold", "pred", "P", "R", "F1");
        counts.forEach((type, c) -> System.out.printf("  %-10s %6d %6d %6.3f %6.3f %6.3f%n",
                type, c.gold(), c.predicted(), c.precision(), c.recall(), c.f1()));
        Counts all = total(counts);
        System.out.printf("  %-10s %6d %6d %6.3f %6.3f %6.3f%n", "ALL", all.gold(), all.predicted(),
                all.precision(), all.recall(), all.f1());
    }
}
