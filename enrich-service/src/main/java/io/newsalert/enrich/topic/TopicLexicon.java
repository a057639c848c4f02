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

    private final Map<String, List<String>> stemsByLabel;

    TopicLexicon(Map<String, List<String>> stemsByLabel) {
        this.stemsByLabel = stemsByLabel;
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
        Map<String, Double> scores = new LinkedHashMap<>();
        double per100 = 100.0 / Math.max(MIN_WORDS, words.length);
        stemsByLabel.forEach((label, stems) -> {
            int hits = 0;
            for (String w : words) {
                for (String stem : stems) {
                    if (w.startsWith(stem) || (stem.length() >= 6 && w.contains(stem))) {
                        hits++;
                        break;
                    }
                }
            }
            scores.put(label, 1 - Math.exp(-hits * per100 / DENSITY_SCALE));
        });
        return scores;
    }

    List<String> labels() {
        return new ArrayList<>(stemsByLabel.keySet());
    }
}
