package io.newsalert.alert.match;

import io.newsalert.alert.analysis.ArticleSchema;
import io.newsalert.alert.analysis.ArticleSchema.Reading;
import io.newsalert.events.Entity;
import io.newsalert.events.Topic;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.memory.MemoryIndex;

/** An article as the matcher indexes it: one Lucene document with the fields of {@link ArticleSchema}. */
final class ArticleDocument {

    private ArticleDocument() {}

    /**
     * The article for the matcher: a one-document index with offsets, and with the word pairs of
     * each text field ({@link ArticleSchema#pairsField}) that its candidate index picks exact
     * phrases by. Indexed as Lucene Monitor indexed its documents.
     */
    static MemoryIndex forMatching(ArticleText article) {
        return index(of(article, true));
    }

    private static Document of(ArticleText article, boolean pairs) {
        Document doc = new Document();
        for (Reading reading : ArticleSchema.readingsFor(article.language())) {
            for (String textField : List.of(ArticleSchema.TITLE, ArticleSchema.TEXT, ArticleSchema.CONTENT)) {
                String field = ArticleSchema.field(textField, reading);
                add(doc, field, article.field(textField));
                if (pairs && ArticleSchema.hasPairsField(field)) {
                    add(doc, ArticleSchema.pairsField(field), article.field(textField));
                }
            }
        }
        for (Entity entity : article.entities()) {
            add(doc, ArticleSchema.ENTITY, entity.text());
            if (entity.canonical() != null && !entity.canonical().equals(entity.text())) {
                add(doc, ArticleSchema.ENTITY, entity.canonical());
            }
        }
        for (Topic topic : article.topics()) {
            add(doc, ArticleSchema.TOPIC, topic.label());
            add(doc, ArticleSchema.TOPIC, topic.code());
        }
        add(doc, ArticleSchema.FEED, article.feed());
        add(doc, ArticleSchema.LANG, article.language() == null ? "und" : article.language());
        return doc;
    }

    /** The same document in a one-document index with offsets, for a single query (preview). */
    static MemoryIndex memoryIndex(ArticleText article) {
        return index(of(article, false));
    }

    private static MemoryIndex index(Document doc) {
        MemoryIndex index = new MemoryIndex(true, false);
        for (IndexableField field : doc) {
            index.addField(field, ArticleSchema.DOCUMENT_ANALYZER);
        }
        index.freeze();
        return index;
    }

    private static void add(Document doc, String field, String value) {
        if (value != null && !value.isBlank()) {
            doc.add(new TextField(field, value, Field.Store.NO));
        }
    }
}
