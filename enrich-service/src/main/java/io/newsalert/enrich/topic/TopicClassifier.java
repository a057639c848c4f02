package io.newsalert.enrich.topic;

import io.newsalert.events.Topic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The topics of an article with scores: the section classifier's probabilities summed onto the
 * taxonomy topics the sections map to, and the lexicon's scores for topics no section covers. An
 * article gets every topic scoring at least {@link #MIN_SCORE}, best first, at most {@link #MAX_TOPICS}.
 */
public final class TopicClassifier {

    static final double MIN_SCORE = 0.3;
    static final int MAX_TOPICS = 4;

    private final SectionClassifier sections;
    private final TopicLexicon lexicon;

    public TopicClassifier(SectionClassifier sections, TopicLexicon lexicon) {
        this.sections = sections;
        this.lexicon = lexicon;
    }

    public static TopicClassifier load() {
        return new TopicClassifier(SectionClassifier.load(), TopicLexicon.load());
    }

    public List<Topic> classify(String title, String text) {
        String all = (title == null ? "" : title) + "\n" + (text == null ? "" : text);
        Map<String, Double> byLabel = new HashMap<>();
        sections.sections(all).forEach((section, p) -> byLabel.merge(Taxonomy.SECTIONS.get(section), p, Double::sum));
        lexicon.score(SectionClassifier.words(all)).forEach((label, s) -> byLabel.merge(label, s, Math::max));
        List<Topic> topics = new ArrayList<>();
        byLabel.forEach((label, score) -> {
            if (score >= MIN_SCORE) {
                Taxonomy.Entry e = Taxonomy.require(label);
                topics.add(new Topic(e.code(), e.label(), Math.round(score * 1000) / 1000.0));
            }
        });
        topics.sort(Comparator.comparingDouble(Topic::score).reversed());
        return topics.size() > MAX_TOPICS ? List.copyOf(topics.subList(0, MAX_TOPICS)) : List.copyOf(topics);
    }
}
