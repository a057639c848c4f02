package io.newsalert.enrich.entity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.util.Span;

/**
 * Reads the GermEval 2014 NER files (one token a line: index, token, outer tag, nested tag; '#'
 * lines name the source; a blank line ends a sentence) into OpenNLP name samples.
 *
 * <p>Only the outer tags are read: the tagger finds outer spans, which is what the shared task's
 * usual score measures. Each sentence comes from a different source; the tagger sees each alone.
 */
public final class GermEvalCorpus {

    private GermEvalCorpus() {}

    /**
     * @param fine true: the 12 GermEval labels (PER, PERderiv, PERpart, …, OTH as MISC…);
     *     false: the 4 coarse classes, deriv and part folded into their base class
     * @throws IllegalArgumentException naming file and line when a line is not in the format
     */
    public static List<NameSample> read(Path file, boolean fine) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<NameSample> samples = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.startsWith("#")) {
                continue;
            }
            if (line.isBlank()) {
                if (!tokens.isEmpty()) {
                    samples.add(sample(tokens, tags, fine));
                    tokens.clear();
                    tags.clear();
                }
                continue;
            }
            String[] cols = line.split("\t");
            if (cols.length < 3) {
                throw new IllegalArgumentException(file + ":" + (n + 1) + ": expected index, token, outer tag; got: " + line);
            }
            tokens.add(cols[1]);
            tags.add(cols[2]);
        }
        if (!tokens.isEmpty()) {
            samples.add(sample(tokens, tags, fine));
        }
        return samples;
    }

    private static NameSample sample(List<String> tokens, List<String> tags, boolean fine) {
        List<Span> spans = new ArrayList<>();
        int start = -1;
        String type = null;
        for (int i = 0; i <= tags.size(); i++) {
            String tag = i < tags.size() ? tags.get(i) : "O";
            boolean inside = tag.startsWith("I-") && type != null && type.equals(label(tag.substring(2), fine));
            if (start >= 0 && !inside) {
                spans.add(new Span(start, i, type));
                start = -1;
                type = null;
            }
            // An I- tag without a matching open span starts one, as the BIO convention's lenient readers do.
            if (tag.startsWith("B-") || (tag.startsWith("I-") && start < 0)) {
                start = i;
                type = label(tag.substring(2), fine);
            }
        }
        return new NameSample(tokens.toArray(String[]::new), spans.toArray(Span[]::new), true);
    }

    /** GermEval's OTH is CoNLL's MISC; the event records use the CoNLL names. */
    static String label(String germEval, boolean fine) {
        String base = germEval.replace("deriv", "").replace("part", "");
        String suffix = germEval.substring(base.length());
        String name = base.equals("OTH") ? "MISC" : base;
        return fine ? name + suffix : name;
    }

    /** The coarse class of a fine label: PERderiv → PER. */
    public static String coarse(String fineLabel) {
        return fineLabel.replace("deriv", "").replace("part", "");
    }
}
