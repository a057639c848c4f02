package io.newsalert.enrich.topic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scores the topics that have no labelled data by word stems ({@code topics/lexicon.txt}): the
 * density of stem hits per 100 words, squashed to 0..1. A prior for what the classifier cannot
 * learn yet, documented as such.
 */
public final class TopicLexicon {

    static final String RESOURCE = "/topics/lexicon.txt";
    /** Hits per 100 words at which the score reaches 1 - 1/e ≈ 0.63. */
    static final double DENSITY_SCALE = 1.0;
    /** Fewer words than this count as this many, so that one hit in a headline is not a topic. */
    static final int MIN_WORDS = 60;

    /** Above this many distinct words the memo starts afresh, so that its size stays bounded. */
    private static final int MEMO_LIMIT = 100_000;

    private final Map<String, List<String>> stemsByLabel;
    private final List<List<String>> stemLists;
    /**
     * Which labels' stems each word hits, as a bit set over the labels in file order. Every word
     * would otherwise be compared with every stem in every article; news repeats its words.
     */
    private final Map<String, Long> labelsByWord = new ConcurrentHashMap<>();

    TopicLexicon(Map<String, List<String>> stemsByLabel) {
        if (stemsByLabel.size() > Long.SIZE) {
            throw new IllegalArgumentException("at most 64 lexicon topics");
        }
        this.stemsByLabel = stemsByLabel;
        this.stemLists = new ArrayList<>(stemsByLabel.values());
    }

    public static TopicLexicon load() {
        Map<String, List<String>> stems = new LinkedHashMap<>();
        try (InputStream in = TopicLexicon.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("topic lexicon " + RESOURCE + " missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                String label = line.substring(0, colon).strip();
                Taxonomy.require(label);
                stems.put(label, List.of(line.substring(colon + 1).strip().split("\\s+")));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read topic lexicon " + RESOURCE, e);
        }
        return new TopicLexicon(stems);
    }

    /** Score 0..1 of each lexicon topic for the given lower-cased words. */
    public Map<String, Double> score(String[] words) {
        int[] hits = new int[stemLists.size()];
        for (String w : words) {
            long labels = labelsOf(w);
            while (labels != 0) {
                hits[Long.numberOfTrailingZeros(labels)]++;
                labels &= labels - 1;
            }
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        double per100 = 100.0 / Math.max(MIN_WORDS, words.length);
        int i = 0;
        for (String label : stemsByLabel.keySet()) {
            scores.put(label, 1 - Math.exp(-hits[i++] * per100 / DENSITY_SCALE));
        }
        return scores;
    }

    private long labelsOf(String word) {
        Long known = labelsByWord.get(word);
        if (known != null) {
            return known;
        }
        long labels = 0;
        for (int i = 0; i < stemLists.size(); i++) {
            for (String stem : stemLists.get(i)) {
                if (word.startsWith(stem) || (stem.length() >= 6 && word.contains(stem))) {
                    labels |= 1L << i;
                    break;
                }
            }
        }
        if (labelsByWord.size() >= MEMO_LIMIT) {
            labelsByWord.clear();
        }
        labelsByWord.put(word, labels);
        return labels;
    }

    List<String> labels() {
        return new ArrayList<>(stemsByLabel.keySet());
    }
}
