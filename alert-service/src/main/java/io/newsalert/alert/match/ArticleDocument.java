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
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.memory.MemoryIndex;

/** An article as the matcher indexes it: one document with the fields of {@link ArticleSchema}, in a one-document index with offsets. */
final class ArticleDocument {

    private ArticleDocument() {}

    /**
     * The article as the matcher reads it: its one-document index, and for the candidate index the
     * word pairs of each text field by pairs field ({@link ArticleSchema#pairsField}), which it
     * picks exact phrases by. No query reads the pairs, so they are not indexed.
     */
    record ForMatching(MemoryIndex index, Map<String, WordPairs.Pairs> wordPairs) {}

    static ForMatching forMatching(ArticleText article) {
        Map<String, WordPairs.Pairs> wordPairs = new HashMap<>();
        return new ForMatching(index(article, wordPairs), wordPairs);
    }

    /** The article for a single query (preview, explanation). */
    static MemoryIndex memoryIndex(ArticleText article) {
        return index(article, null);
    }

    /** The one-document index; with {@code wordPairs} given, the text fields' word pairs go there. */
    private static MemoryIndex index(ArticleText article, Map<String, WordPairs.Pairs> wordPairs) {
        boolean pairs = wordPairs != null;
        MemoryIndex index = new MemoryIndex(true, false);
        Set<Reading> readings = ArticleSchema.readingsFor(article.language());
        // A text field's German reading and its exact one come from one tokenizer pass (the exact reading is last).
        Map<String, TwoReadings> tokenized = new HashMap<>();
        for (Reading reading : readings) {
            for (String textField : List.of(ArticleSchema.TITLE, ArticleSchema.TEXT, ArticleSchema.CONTENT)) {
                String field = ArticleSchema.field(textField, reading);
                String value = article.field(textField);
                TwoReadings both = tokenized.get(textField);
                if (reading == Reading.exact && both != null) {
                    index.addField(new TextField(field, both.exact()), ArticleSchema.DOCUMENT_ANALYZER);
                    continue;
                }
                if (!pairs || !ArticleSchema.hasPairsField(field) || blank(value)) {
                    add(index, field, value);
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
                // The pairs are collected from the field's own tokens as the index reads them.
                WordPairs words = new WordPairs(stream);
                index.addField(new TextField(field, words), ArticleSchema.DOCUMENT_ANALYZER);
                wordPairs.put(ArticleSchema.pairsField(field), words.pairs());
            }
        }
        for (Entity entity : article.entities()) {
            add(index, ArticleSchema.ENTITY, entity.text());
            if (entity.canonical() != null && !entity.canonical().equals(entity.text())) {
                add(index, ArticleSchema.ENTITY, entity.canonical());
            }
        }
        for (Topic topic : article.topics()) {
            add(index, ArticleSchema.TOPIC, topic.label());
            add(index, ArticleSchema.TOPIC, topic.code());
        }
        add(index, ArticleSchema.FEED, article.feed());
        add(index, ArticleSchema.LANG, article.language() == null ? "und" : article.language());
        index.freeze();
        return index;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void add(MemoryIndex index, String field, String value) {
        if (!blank(value)) {
            index.addField(new TextField(field, value, Field.Store.NO), ArticleSchema.DOCUMENT_ANALYZER);
        }
    }
}
