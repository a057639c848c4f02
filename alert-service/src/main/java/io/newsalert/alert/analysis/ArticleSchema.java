package io.newsalert.alert.analysis;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;

/**
 * The fields an article is matched on, and how each is read.
 *
 * <p>A query names six fields ({@link #QUERY_FIELDS}). The two text fields, title and text, are
 * indexed once per reading: {@code text.de} (German analysis with compound parts), {@code text.en}
 * (English), {@code text.xx} (other languages) — only the article's own language is filled — and
 * always {@code text.exact} (the word forms as written, for a quoted single word). A query term on
 * {@code text} asks all readings, so a subscriber writes one query whatever the article's language.
 */
public final class ArticleSchema {

    public static final String TITLE = "title";
    public static final String TEXT = "text";
    /** The item's HTML content as plain text: indexed like text, asked by every query on {@code text}. */
    public static final String CONTENT = "content";
    public static final String ENTITY = "entity";
    public static final String TOPIC = "topic";
    public static final String FEED = "feed";
    public static final String LANG = "lang";

    public static final List<String> QUERY_FIELDS = List.of(TITLE, TEXT, ENTITY, TOPIC, FEED, LANG);
    public static final List<String> TEXT_FIELDS = List.of(TITLE, TEXT);

    /** A way to read a text field: by language, or exactly as written. */
    public enum Reading { de, en, xx, exact }

    private static final Analyzer GERMAN_DOC = Analysis.german(true);
    private static final Analyzer GERMAN_QUERY = Analysis.german(false);
    private static final Analyzer ENGLISH = Analysis.english();
    private static final Analyzer PLAIN = Analysis.plain();
    private static final Analyzer EXACT = Analysis.exact();
    private static final Analyzer KEYWORD = Analysis.keyword();
    private static final String PAIRS = ".pairs";

    /** How articles are indexed: field by field. */
    public static final Analyzer DOCUMENT_ANALYZER = new PerField(true);
    /** How query words are read: as the document, except that compounds are expanded by the query itself. */
    public static final Analyzer QUERY_ANALYZER = new PerField(false);

    private ArticleSchema() {}

    public static String field(String textField, Reading reading) {
        return textField + "." + reading;
    }

    /**
     * The field of neighbouring word pairs of an indexed text field read by language
     * ({@code text.de} → {@code text.de.pairs}): only for the matcher's presearcher, which finds
     * the articles that may hold an exact phrase by its pairs. No query searches it.
     */
    public static String pairsField(String indexField) {
        return indexField + PAIRS;
    }

    /** Whether the field is a {@link #pairsField}. */
    public static boolean isPairsField(String field) {
        return field.endsWith(PAIRS);
    }

    /** Whether an indexed field has a {@link #pairsField}: the text fields in a language reading (not exact). */
    public static boolean hasPairsField(String indexField) {
        int dot = indexField.indexOf('.');
        return dot > 0 && indexField.indexOf('.', dot + 1) < 0 && !indexField.endsWith("." + Reading.exact)
                && (indexField.startsWith(TITLE + ".") || indexField.startsWith(TEXT + ".") || indexField.startsWith(CONTENT + "."));
    }

    /** The query field an indexed field belongs to: {@code text.de} → {@code text}. */
    public static String queryField(String indexField) {
        // Asked for every hit of every match: the known fields are answered without a new string.
        String known = QUERY_FIELD_OF.get(indexField);
        if (known != null) {
            return known;
        }
        int dot = indexField.indexOf('.');
        return dot < 0 ? indexField : indexField.substring(0, dot);
    }

    private static final Map<String, String> QUERY_FIELD_OF = knownQueryFields();

    private static Map<String, String> knownQueryFields() {
        Map<String, String> out = new HashMap<>();
        for (String f : List.of(TITLE, TEXT, CONTENT, ENTITY, TOPIC, FEED, LANG)) {
            out.put(f, f);
            for (Reading r : Reading.values()) {
                out.put(field(f, r), f);
            }
        }
        return Map.copyOf(out);
    }

    public static boolean isTextField(String field) {
        return TEXT_FIELDS.contains(field);
    }

    /** The indexed text fields a query's text field covers: {@code text} is summary and content. */
    public static List<String> indexedTextFields(String queryField) {
        return queryField.equals(TEXT) ? List.of(TEXT, CONTENT) : List.of(queryField);
    }

    /**
     * The readings an article's text is indexed with. Undetermined language ("und" or none) gets
     * German and English, because a missed alert costs more than a second reading.
     */
    public static Set<Reading> readingsFor(String language) {
        String lang = language == null ? "und" : language.toLowerCase(Locale.ROOT);
        return switch (lang) {
            case "de" -> EnumSet.of(Reading.de, Reading.exact);
            case "en" -> EnumSet.of(Reading.en, Reading.exact);
            case "und", "" -> EnumSet.of(Reading.de, Reading.en, Reading.exact);
            default -> EnumSet.of(Reading.xx, Reading.exact);
        };
    }

    private static final class PerField extends DelegatingAnalyzerWrapper {
        private final boolean document;

        PerField(boolean document) {
            super(PER_FIELD_REUSE_STRATEGY);
            this.document = document;
        }

        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            int dot = fieldName.indexOf('.');
            if (dot >= 0) {
                return switch (fieldName.substring(dot + 1)) {
                    case "de" -> document ? GERMAN_DOC : GERMAN_QUERY;
                    case "en" -> ENGLISH;
                    case "exact" -> EXACT;
                    default -> PLAIN;
                };
            }
            return switch (fieldName) {
                case TOPIC, FEED, LANG -> KEYWORD;
                default -> PLAIN;
            };
        }
    }
}
