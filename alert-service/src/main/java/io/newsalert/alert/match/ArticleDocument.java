package io.newsalert.alert.match;

import io.newsalert.alert.analysis.ArticleSchema;
import io.newsalert.alert.analysis.ArticleSchema.Reading;
import io.newsalert.alert.analysis.TwoReadings;
import io.newsalert.alert.analysis.WordPairs;
import io.newsalert.events.Entity;
import io.newsalert.events.Topic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.index.memory.MemoryIndex;

/**
 * An article as the matcher reads it: the fields of {@link ArticleSchema}, each value analysed as
 * {@link ArticleSchema#DOCUMENT_ANALYZER} reads it, either into the matcher's own term places
 * ({@link ArticleTerms}) or into a one-document Lucene index with offsets (for the queries only
 * Lucene runs, the preview and explanations). Both are filled by the same code, value by value.
 */
final class ArticleDocument {

    private ArticleDocument() {}

    /**
     * The article as the matcher reads it: its terms and their places, and for the candidate
     * index the word pairs of each text field by pairs field ({@link ArticleSchema#pairsField}),
     * which it picks exact phrases by. No query reads the pairs, so they are not indexed.
     */
    record ForMatching(ArticleTerms terms, Map<String, WordPairs.Pairs> wordPairs) {}

    /** Where the analysed values go: a field's value as its tokens. */
    private interface Sink {
        void add(String field, TokenStream tokens);
    }

    static ForMatching forMatching(ArticleText article) {
        Map<String, WordPairs.Pairs> wordPairs = new HashMap<>();
        ArticleTerms terms = new ArticleTerms();
        Analyzer analyzer = ArticleSchema.DOCUMENT_ANALYZER;
        read(article, (field, tokens) -> terms.add(field, tokens, analyzer.getPositionIncrementGap(field), analyzer.getOffsetGap(field)),
                wordPairs);
        return new ForMatching(terms, wordPairs);
    }

    /** The article for Lucene: a single query (preview, explanation), or a branch only Lucene can run. */
    static MemoryIndex memoryIndex(ArticleText article) {
        MemoryIndex index = new MemoryIndex(true, false);
        Analyzer analyzer = ArticleSchema.DOCUMENT_ANALYZER;
        // As addField(IndexableField, Analyzer) adds a tokenized field: with the analyzer's gaps.
        read(article, (field, tokens) -> index.addField(field, tokens, analyzer.getPositionIncrementGap(field), analyzer.getOffsetGap(field)),
                null);
        index.freeze();
        return index;
    }

    /** Analyses every field of the article into the sink; with {@code wordPairs} given, the text fields' word pairs go there. */
    private static void read(ArticleText article, Sink sink, Map<String, WordPairs.Pairs> wordPairs) {
        boolean pairs = wordPairs != null;
        Set<Reading> readings = ArticleSchema.readingsFor(article.language());
        // A text field's German reading and its exact one come from one tokenizer pass (the exact reading is last).
        Map<String, TwoReadings> tokenized = new HashMap<>();
        for (Reading reading : readings) {
            for (String textField : List.of(ArticleSchema.TITLE, ArticleSchema.TEXT, ArticleSchema.CONTENT)) {
                String field = ArticleSchema.field(textField, reading);
                String value = article.field(textField);
                TwoReadings both = tokenized.get(textField);
                if (reading == Reading.exact && both != null) {
                    sink.add(field, both.exact());
                    continue;
                }
                if (!pairs || !ArticleSchema.hasPairsField(field) || blank(value)) {
                    add(sink, field, value);
                    continue;
                }
                TokenStream stream;
                if (reading == Reading.de && readings.contains(Reading.exact)) {
                    both = new TwoReadings(value);
                    tokenized.put(textField, both);
                    stream = both.german();
                } else {
                    stream = ArticleSchema.DOCUMENT_ANALYZER.tokenStream(field, value);
                }
                // The pairs are collected from the field's own tokens as they are read.
                WordPairs words = new WordPairs(stream);
                sink.add(field, words);
                wordPairs.put(ArticleSchema.pairsField(field), words.pairs());
            }
        }
        for (Entity entity : article.entities()) {
            add(sink, ArticleSchema.ENTITY, entity.text());
            if (entity.canonical() != null && !entity.canonical().equals(entity.text())) {
                add(sink, ArticleSchema.ENTITY, entity.canonical());
            }
        }
        for (Topic topic : article.topics()) {
            add(sink, ArticleSchema.TOPIC, topic.label());
            add(sink, ArticleSchema.TOPIC, topic.code());
        }
        add(sink, ArticleSchema.FEED, article.feed());
        add(sink, ArticleSchema.LANG, article.language() == null ? "und" : article.language());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void add(Sink sink, String field, String value) {
        if (!blank(value)) {
            sink.add(field, ArticleSchema.DOCUMENT_ANALYZER.tokenStream(field, value));
        }
    }
}
