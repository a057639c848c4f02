package io.newsalert.enrich.topic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fixed topic taxonomy: the 17 top-level IPTC Media Topics, each with a short lower-case label
 * that subscribers write in queries ({@code topic:conflict}).
 *
 * <p>The 10kGNAD newspaper sections the classifier learns from map onto it as {@link #SECTIONS}
 * says; topics with no section of their own (conflict, crime, disaster, health, …) are scored by
 * {@link TopicLexicon}.
 */
public final class Taxonomy {

    /** One top-level topic: IPTC qcode, query label, IPTC's English and German names. */
    public record Entry(String code, String label, String nameEn, String nameDe) {}

    public static final List<Entry> TOPICS = List.of(
            new Entry("medtop:01000000", "culture", "arts, culture, entertainment and media", "Kultur, Kunst, Unterhaltung und Medien"),
            new Entry("medtop:02000000", "crime", "crime, law and justice", "Justiz, Kriminalität"),
            new Entry("medtop:03000000", "disaster", "disaster, accident and emergency incident", "Katastrophe und Unglück"),
            new Entry("medtop:04000000", "economy", "economy, business and finance", "Wirtschaft und Finanzen"),
            new Entry("medtop:05000000", "education", "education", "Erziehung, Ausbildung"),
            new Entry("medtop:06000000", "environment", "environment", "Umwelt"),
            new Entry("medtop:07000000", "health", "health", "Medizin, Gesundheit"),
            new Entry("medtop:08000000", "humaninterest", "human interest", "Vermischtes"),
            new Entry("medtop:09000000", "labour", "labour", "Arbeit, Soziales"),
            new Entry("medtop:10000000", "lifestyle", "lifestyle and leisure", "Freizeit, Modernes Leben"),
            new Entry("medtop:11000000", "politics", "politics and government", "Politik"),
            new Entry("medtop:12000000", "religion", "religion", "Religion, Weltanschauung"),
            new Entry("medtop:13000000", "science", "science and technology", "Wissenschaft, Technik, Forschung"),
            new Entry("medtop:14000000", "society", "society", "Gesellschaft, Bevölkerung"),
            new Entry("medtop:15000000", "sport", "sport", "Sport"),
            new Entry("medtop:16000000", "conflict", "conflict, war and peace", "Krise, Krieg, Konflikte"),
            new Entry("medtop:17000000", "weather", "weather", "Wetter"));

    /**
     * How the 9 derStandard sections of 10kGNAD map to the taxonomy. "Etat" is derStandard's media
     * section (IPTC puts media under arts, culture, entertainment and media); "Web" is technology;
     * "Panorama" is mixed news (IPTC: human interest); home and foreign news are both politics.
     */
    public static final Map<String, String> SECTIONS = sections();

    private static Map<String, String> sections() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Etat", "culture");
        m.put("Inland", "politics");
        m.put("International", "politics");
        m.put("Kultur", "culture");
        m.put("Panorama", "humaninterest");
        m.put("Sport", "sport");
        m.put("Web", "science");
        m.put("Wirtschaft", "economy");
        m.put("Wissenschaft", "science");
        return Map.copyOf(m);
    }

    private Taxonomy() {}

    public static Optional<Entry> byLabel(String label) {
        return TOPICS.stream().filter(e -> e.label().equals(label)).findFirst();
    }

    public static Entry require(String label) {
        return byLabel(label).orElseThrow(() -> new IllegalArgumentException("no topic labelled " + label));
    }
}
