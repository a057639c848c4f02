package io.newsalert.soak.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Real German news sentences to build synthetic articles from: the 10kGNAD articles (derStandard,
 * CC BY-NC-SA 4.0, see its SOURCE.txt) split into sentences, and the GermEval 2014 sentences (CC BY 4.0).
 * Only for load tests: the harness never ships them.
 */
public final class SentencePool {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-ZÄÖÜ\"„])");

    private final List<String> sentences;
    private final List<String> headlines;

    public SentencePool(List<String> sentences) {
        if (sentences.size() < 50) {
            throw new IllegalArgumentException("too few sentences to build varied articles: " + sentences.size());
        }
        this.sentences = List.copyOf(sentences);
        List<String> h = new ArrayList<>();
        for (String s : sentences) {
            if (s.length() >= 30 && s.length() <= 110) {
                h.add(s.replaceAll("[.!?]$", ""));
            }
        }
        this.headlines = List.copyOf(h);
    }

    /** Reads both data sets under {@code dataDir} (the shared {@code data/} folder). */
    public static SentencePool load(Path dataDir) {
        List<String> all = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(dataDir.resolve("10kgnad/articles.csv"), StandardCharsets.UTF_8)) {
                all.addAll(sentencesOf10kgnadLine(line));
            }
            all.addAll(germevalSentences(Files.readAllLines(dataDir.resolve("germeval2014/train.tsv"), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sentence data under " + dataDir, e);
        }
        return new SentencePool(all);
    }

    /** {@code Label;'text'}: the text split into sentences of a readable length. */
    static List<String> sentencesOf10kgnadLine(String line) {
        int sep = line.indexOf(';');
        if (sep < 0) {
            return List.of();
        }
        String text = line.substring(sep + 1).strip();
        if (text.startsWith("'") && text.endsWith("'") && text.length() > 1) {
            text = text.substring(1, text.length() - 1);
        }
        List<String> out = new ArrayList<>();
        for (String s : SENTENCE_END.split(text)) {
            String t = s.strip();
            if (t.length() >= 25 && t.length() <= 300) {
                out.add(t);
            }
        }
        return out;
    }

    /** One token a line, blank line between sentences; tokens joined back with the usual spacing. */
    static List<String> germevalSentences(List<String> lines) {
        List<String> out = new ArrayList<>();
        StringBuilder s = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.isBlank()) {
                String sentence = s.toString().replaceAll(" ([,.;:!?)])", "$1").replaceAll("\\( ", "(").strip();
                if (sentence.length() >= 25 && sentence.length() <= 300) {
                    out.add(sentence);
                }
                s.setLength(0);
                continue;
            }
            String[] cols = line.split("\t");
            if (cols.length >= 2) {
                s.append(cols[1]).append(' ');
            }
        }
        return out;
    }

    public int size() {
        return sentences.size();
    }

    public String sentence(int i) {
        return sentences.get(Math.floorMod(i, sentences.size()));
    }

    public String headline(int i) {
        return headlines.get(Math.floorMod(i, headlines.size()));
    }

    public int headlineCount() {
        return headlines.size();
    }

    public List<String> sentences() {
        return sentences;
    }
}
