package io.newsalert.alert.match;

import io.newsalert.alert.analysis.ArticleSchema;
import io.newsalert.alert.analysis.ArticleSchema.Reading;
import io.newsalert.alert.analysis.WordPairsFilter;
import io.newsalert.events.Entity;
import io.newsalert.events.Topic;
import java.util.List;
import org.apache.lucene.analysis.CachingTokenFilter;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.memory.MemoryIndex;

/** An article as the matcher indexes it: one document with the fields of {@link ArticleSchema}, in a one-document index with offsets. */
final class ArticleDocument {

    private ArticleDocument() {}

    /**
     * The article for the matcher: with the word pairs of each text field
     * ({@link ArticleSchema#pairsField}) that its candidate index picks exact phrases by.
     */
    static MemoryIndex forMatching(ArticleText article) {
        return index(article, true);
    }

    /** The article for a single query (preview, explanation). */
    static MemoryIndex memoryIndex(ArticleText article) {
        return index(article, false);
    }

    private static MemoryIndex index(ArticleText article, boolean pairs) {
        MemoryIndex index = new MemoryIndex(true, false);
        for (Reading reading : ArticleSchema.readingsFor(article.language())) {
            for (String textField : List.of(ArticleSchema.TITLE, ArticleSchema.TEXT, ArticleSchema.CONTENT)) {
                String field = ArticleSchema.field(textField, reading);
                String value = article.field(textField);
                if (!pairs || !ArticleSchema.hasPairsField(field) || blank(value)) {
                    add(index, field, value);
                    continue;
                }
                // The pairs come from the field's own tokens, replayed: analysing the text again took a third of an article's analysis.
                CachingTokenFilter words = new CachingTokenFilter(ArticleSchema.DOCUMENT_ANALYZER.tokenStream(field, value));
                index.addField(new TextField(field, words), ArticleSchema.DOCUMENT_ANALYZER);
                index.addField(new TextField(ArticleSchema.pairsField(field), new WordPairsFilter(words)), ArticleSchema.DOCUMENT_ANALYZER);
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
