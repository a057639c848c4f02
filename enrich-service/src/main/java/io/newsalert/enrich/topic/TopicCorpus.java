package io.newsalert.enrich.topic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads 10kGNAD's {@code articles.csv}: one article a line, {@code Section;'text'}, ' quoting, '' for a quote. */
public final class TopicCorpus {

    /** One labelled article. */
    public record Article(String section, String text) {}

    private TopicCorpus() {}

    /** @throws IllegalArgumentException naming file and line when a line has no section or unknown section */
    public static List<Article> read(Path file) throws IOException {
        List<Article> articles = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            int sep = line.indexOf(';');
            if (sep <= 0) {
                throw new IllegalArgumentException(file + ":" + (n + 1) + ": expected Section;'text'");
            }
            String section = line.substring(0, sep);
            if (!Taxonomy.SECTIONS.containsKey(section)) {
                throw new IllegalArgumentException(file + ":" + (n + 1) + ": unknown section " + section);
            }
            String text = line.substring(sep + 1);
            if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
                text = text.substring(1, text.length() - 1).replace("''", "'");
            }
            articles.add(new Article(section, text));
        }
        return articles;
    }
}
